package coop.izek.workshop;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;

@IntegrationTest
class WorkshopServiceIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void shouldReportUpWithItsStoreReachable() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void shouldAnswerUnknownApiPathWithProblem() {
        client().get().uri("/api/workshop-nothing").header("Authorization", "Bearer " + TestTokens.forPerson("p-1")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client().get().uri("/api/workshop-nothing").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private RestTestClient client() {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
