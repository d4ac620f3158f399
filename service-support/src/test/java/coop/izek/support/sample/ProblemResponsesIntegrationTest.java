package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.testsupport.IntegrationTest;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;
import coop.izek.testsupport.TestTokens;

@IntegrationTest
class ProblemResponsesIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** Sent byte for byte as written: what a client library would encode first is exactly what must not hurt. */
    private String raw(String requestLine) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldAnswerWhatTomcatRejectsItselfWithProblems() throws Exception {
        for (var line : new String[] {"GET /samples/public/%zz HTTP/1.1", "GET /samples/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
                "GET /samples/public;jsessionid=x/../../x HTTP/1.1", "GET /samples/public/a%00b HTTP/1.1"}) {
            var answer = raw(line);
            assertThat(answer).as(line).startsWith("HTTP/1.1 4").containsIgnoringCase("content-type: application/problem+json")
                    .doesNotContain("<html").doesNotContainIgnoringCase("tomcat").doesNotContain("Exception");
        }
    }

    @Test
    void shouldReadOperatorLikeQueryCharactersAsPlainText() throws Exception {
        var answer = raw("GET /samples/public?q[$ne]=x&name={\"$gt\":\"\"}|^ HTTP/1.1");
        assertThat(answer).doesNotContain("<html").doesNotContainIgnoringCase("tomcat");
        assertThat(answer.lines().findFirst().orElseThrow()).matches("HTTP/1.1 (200|400).*");
    }

    @Test
    void shouldRejectUnknownJsonFieldWithValidationProblem() {
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Robotics\",\"email\":\"a@b.org\",\"seats\":3,\"colour\":\"red\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").exists()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("colour"))
                .jsonPath("$.errors[0].field").isEqualTo("colour");
    }

    @Test
    void shouldListEveryInvalidFieldWhenValidationFails() {
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"\",\"email\":\"not-an-email\",\"seats\":0}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[?(@.field == 'email')].message").exists();
    }

    @Test
    void shouldRefuseNumbersWithHugeExponentsNamingTheField() {
        for (var body : new String[] {
                "{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1,\"fee\":{\"amount\":\"1E+300000000\",\"currency\":\"TRY\"}}",
                "{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1,\"fee\":1E+300000000}",
                "{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1,\"ratio\":1E+300000000}",
                "{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1,\"ratio\":\"1e-300000000\"}",
                "{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1E+300000000}"}) {
            client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON).body(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/validation")
                    .jsonPath("$.errors[0].field").value(f -> assertThat((String) f).isIn("fee", "fee.amount", "ratio", "seats"));
        }
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"R\",\"email\":\"a@b.org\",\"seats\":1,\"fee\":\"12.5\",\"ratio\":0.125}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.fee").isEqualTo("12.50 null").jsonPath("$.ratio").isEqualTo("0.13");
    }

    @Test
    void shouldRejectMalformedJson() {
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/unreadable-body");
    }

    @Test
    void shouldRefuseJsonNestedDeeperThanAnyRequestNeeds() {
        // Binding a typed request stops at the first wrong token; the parser's depth limit guards what reads whole trees.
        var deep = "[".repeat(65) + "]".repeat(65); // one level past the limit of 64
        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThat(json.readTree("[".repeat(10) + "]".repeat(10)).isArray()).isTrue();
    }

    @Test
    void shouldNameTheFieldWithAValueOfTheWrongType() {
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Robotics\",\"email\":\"a@b.org\",\"seats\":\"many\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("seats");
    }

    @Test
    void shouldRejectWrongMediaType() {
        client.post().uri("/samples/public").contentType(MediaType.TEXT_PLAIN)
                .body("name=Robotics")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/unsupported-media-type");
    }

    @Test
    void shouldRejectOversizeBodyWithDeclaredLength() {
        var big = "{\"name\":\"" + "x".repeat(4000) + "\",\"email\":\"a@b.org\",\"seats\":1}";
        client.post().uri("/samples/public").contentType(MediaType.APPLICATION_JSON)
                .body(big)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/payload-too-large");
    }

    @Test
    void shouldRejectOversizeChunkedBody() throws Exception {
        var big = ("{\"name\":\"" + "x".repeat(4000) + "\",\"email\":\"a@b.org\",\"seats\":1}").getBytes();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/samples/public"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("/problems/payload-too-large");
        }
    }

    @Test
    void shouldAnswerUnknownPathWithNotFoundProblem() {
        client.get().uri("/samples/public/nothing/here")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").exists();
    }

    @Test
    void shouldAnswerUnsupportedMethodWithProblem() {
        client.delete().uri("/samples/public")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRejectPageSizeAboveTheCap() {
        client.get().uri("/samples/public?size=1000")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("size");
    }

    @Test
    void shouldRenderBusinessRefusalsWithTheirStatus() {
        client.get().uri("/samples/public/conflict").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/sample-taken");
        client.get().uri("/samples/public/rule").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").isEqualTo("Samples need a name.");
        client.get().uri("/samples/public/missing").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void shouldHideInternalsOfUnexpectedErrors() {
        client.get().uri("/samples/public/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("secret internals").doesNotContain("at coop.izek")
                        .contains("incident"));
    }

    /** Found by the resilience suite: while the store restarted, requests were answered 500, which clients do not retry. */
    @Test
    void shouldAnswerAnUnreachableStoreWithServiceUnavailableAndRetryAfter() {
        client.get().uri("/samples/public/store-down").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("/problems/store-unavailable").doesNotContain("27017").doesNotContain("Timed out"));
    }

    @Test
    void shouldAskForTokenWithUnauthorizedProblem() {
        client.get().uri("/samples/mine").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
    }

    @Test
    void shouldRefuseMissingRoleWithForbiddenProblem() {
        client.get().uri("/samples/admin/report").header("Authorization", "Bearer " + TestTokens.forPerson("p-1", "MEMBER"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/samples/admin/report").header("Authorization", "Bearer " + TestTokens.forPerson("p-2", "ADMIN"))
                .exchange()
                .expectStatus().isOk();
    }
}
