package coop.izek.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import coop.izek.testsupport.TestTokens;

/**
 * Two gateways with their budgets in Redis (the one on 127.0.0.1:6379, as on these machines): a client that spreads
 * its requests over both gets its budget once, not once per gateway.
 */
class SharedRateLimitIntegrationTest {

    static final List<ConfigurableApplicationContext> GATEWAYS = new ArrayList<>();

    @BeforeAll
    static void startTwoGateways() {
        for (int i = 0; i < 2; i++) {
            var arguments = new ArrayList<String>(List.of("--server.port=0", "--izek.gateway.rate-limits.store=redis",
                    "--izek.gateway.rate-limits.per-client.requests=10", "--spring.data.redis.url=redis://127.0.0.1:6379",
                    "--izek.security.jwk-set-uri=" + TestTokens.jwkSetUri(), "--izek.security.issuer=" + TestTokens.ISSUER));
            GatewayTest.SERVICES.forEach((name, stub) -> arguments.add("--izek.gateway.services." + name + "=" + stub.url()));
            GATEWAYS.add(new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stopGateways() {
        GATEWAYS.forEach(ConfigurableApplicationContext::close);
    }

    private static WebTestClient gateway(int index) {
        var port = ((WebServerApplicationContext) GATEWAYS.get(index)).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void shouldShareOneBudgetAcrossGateways() {
        var bearer = "Bearer " + TestTokens.forPerson("shared-" + UUID.randomUUID());
        int passed = 0;
        int refused = 0;
        for (int i = 0; i < 16; i++) {
            var status = gateway(i % 2).get().uri("/api/workshops").header("Authorization", bearer).exchange()
                    .returnResult(String.class).getStatus().value();
            if (status == 200) {
                passed++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(passed).isEqualTo(10);
        assertThat(refused).isEqualTo(6);
        gateway(1).get().uri("/api/workshops").header("Authorization", bearer).exchange()
                .expectStatus().isEqualTo(429).expectHeader().valueEquals("RateLimit-Remaining", "0");
    }
}
