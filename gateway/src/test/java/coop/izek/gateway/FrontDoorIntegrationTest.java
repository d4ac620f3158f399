package coop.izek.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import coop.izek.testsupport.TestTokens;
import reactor.core.publisher.Flux;

/**
 * What the gateway does before a service sees a request: size limits, what a client may not say about itself, a
 * correlation id, security headers, CORS for the portal, and the coarse role rules; every refusal a problem.
 */
class FrontDoorIntegrationTest extends GatewayTest {

    private static String person() {
        return "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString());
    }

    private static String staff() {
        return "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString(), "ADMIN");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> headersSeenByTheService(Map<String, String> sent) {
        var request = client().get().uri("/api/workshops");
        sent.forEach(request::header);
        var body = request.exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, String>) body.get("headers");
    }

    @Test
    void shouldStripWhatAClientSaysAboutItselfAndForwardItsRealAddress() {
        var seen = headersSeenByTheService(Map.of("X-Forwarded-For", "10.0.0.1", "Forwarded", "for=10.0.0.1", "X-Real-IP", "10.0.0.2",
                "X-Forwarded-Host", "evil.example", "X-Izek-Internal", "yes", "X-User-Id", "admin", "X-Http-Method-Override", "DELETE"));
        var lower = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(seen);
        assertThat(lower).doesNotContainKeys("Forwarded", "X-Real-IP", "X-Forwarded-Host", "X-Izek-Internal", "X-User-Id",
                "X-Http-Method-Override");
        assertThat(lower.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldCarryACorrelationIdToTheServiceAndBack() {
        var given = "client-chosen-id-42";
        client().get().uri("/api/workshops").header("X-Request-Id", given).exchange().expectHeader().valueEquals("X-Request-Id", given);
        var seen = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        seen.putAll(headersSeenByTheService(Map.of("X-Request-Id", given)));
        assertThat(seen.get("X-Request-Id")).isEqualTo(given);
        // Not a plain token: replaced by one the gateway makes.
        client().get().uri("/api/workshops").header("X-Request-Id", "<script>").exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
        client().get().uri("/api/nowhere").exchange().expectStatus().isNotFound().expectHeader().exists("X-Request-Id");
    }

    @Test
    void shouldContinueTheClientsTraceToTheService() {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var seen = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        seen.putAll(headersSeenByTheService(Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
        assertThat(seen.get("traceparent")).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
        // Without one, the gateway starts a trace.
        var fresh = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        fresh.putAll(headersSeenByTheService(Map.of()));
        assertThat(fresh.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void shouldRefuseOversizedRequestsWithProblemsBeforeAnyService() {
        var big = new byte[1024 * 1024 + 1];
        client().post().uri("/api/workshops").contentType(MediaType.APPLICATION_JSON).bodyValue(big).exchange()
                .expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");
        assertThat(SERVICES.get("workshop").requests()).isZero();

        // Without a declared length (chunked), counted as it streams.
        Flux<org.springframework.core.io.buffer.DataBuffer> chunks = Flux.range(0, 20)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));
        client().post().uri("/api/workshops").contentType(MediaType.APPLICATION_JSON).body(BodyInserters.fromDataBuffers(chunks)).exchange()
                .expectStatus().isEqualTo(413).expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");

        client().get().uri("/api/workshops?q=" + "a".repeat(5000)).exchange()
                .expectStatus().isEqualTo(414).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        var many = new StringBuilder("/api/workshops?");
        for (int i = 0; i < 70; i++) {
            many.append("p").append(i).append("=1&");
        }
        client().get().uri(many.toString()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-parameters");
        client().get().uri("/api/workshops").header("X-Padding", "x".repeat(20_000)).exchange()
                .expectStatus().isEqualTo(431).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(SERVICES.get("workshop").requests()).isZero();
    }

    @Test
    void shouldSendSecurityHeadersWithEveryAnswer() {
        for (var path : new String[] {"/api/workshops", "/api/nowhere", "/actuator/health"}) {
            client().get().uri(path).exchange()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        }
    }

    @Test
    void shouldAnswerPathsTheFirewallRejectsWithAProblemAndSecurityHeadersBeforeAnyService() {
        for (var path : new String[] {"/api/workshops/..%2F..%2Factuator", "/api/workshops/a%2Fb", "/api/projects/..;/x",
                "/api/workshops/%00", "/api/workshops/%2e%2e/%2e%2e/actuator"}) {
            client().get().uri(java.net.URI.create("http://localhost:" + port + path)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/rejected-path");
        }
        assertThat(SERVICES.values()).allMatch(stub -> stub.requests() == 0);
    }

    @Test
    void shouldLetOnlyThePortalsOriginCallFromABrowser() {
        client().options().uri("/api/workshops").header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "http://localhost:8080");
        client().options().uri("/api/workshops").header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        client().get().uri("/api/workshops").header("Origin", "https://evil.example").exchange()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    @Test
    void shouldKeepStaffAndPartnerPathsToTheirRolesBeforeAnyService() {
        client().get().uri("/api/projects/portfolio?currency=EUR").exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
        client().get().uri("/api/projects/portfolio?currency=EUR").header("Authorization", person()).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
        client().method(HttpMethod.HEAD).uri("/api/membership/admin/staff").header("Authorization", person()).exchange()
                .expectStatus().isForbidden();
        client().post().uri("/api/notifications/webhooks").header("Authorization", staff()).exchange().expectStatus().isForbidden();
        assertThat(SERVICES.values().stream().mapToInt(Stub::requests).sum()).isZero();

        client().get().uri("/api/projects/portfolio?currency=EUR").header("Authorization", staff()).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "project");
        client().get().uri("/api/notifications/webhooks").header("Authorization", "Bearer " + TestTokens.forPartner("c-" + UUID.randomUUID(), "org-1"))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "notification");
    }

    @Test
    void shouldShowItsOwnMetricsToStaffOnly() {
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client().get().uri("/actuator/prometheus").header("Authorization", person()).exchange().expectStatus().isForbidden();
        client().get().uri("/actuator/prometheus").header("Authorization", staff()).exchange().expectStatus().isOk();
        client().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.components").doesNotExist();
    }
}
