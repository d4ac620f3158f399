package coop.izek.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.sun.net.httpserver.HttpServer;

import coop.izek.testsupport.TestTokens;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIntegrationTest {

    /** Stand-ins for the four services: each answers with its own name, and a health status the test can change. */
    static final Map<String, Stub> SERVICES = new LinkedHashMap<>();

    static {
        for (var name : new String[] {"membership", "workshop", "project", "notification"}) {
            SERVICES.put(name, new Stub(name));
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, stub) -> registry.add("izek.gateway.services." + name, stub::url));
        registry.add("izek.security.jwk-set-uri", TestTokens::jwkSetUri);
        registry.add("izek.security.issuer", () -> TestTokens.ISSUER);
    }

    @LocalServerPort
    int port;

    @AfterEach
    void allHealthy() {
        SERVICES.values().forEach(stub -> stub.health.set("UP"));
    }

    @AfterAll
    static void stopStubs() {
        SERVICES.values().forEach(Stub::stop);
    }

    @Test
    void shouldRouteEachPathToItsService() {
        expectServedBy("/api/auth/register", "membership");
        expectServedBy("/oauth2/jwks", "membership");
        expectServedBy("/.well-known/openid-configuration", "membership");
        expectServedBy("/login", "membership");
        expectServedBy("/api/membership/applications", "membership");
        expectServedBy("/api/workshops", "workshop");
        expectServedBy("/api/workshops/w-1/enrolments", "workshop");
        expectServedBy("/api/certificates/ABC", "workshop");
        expectServedBy("/api/learning-record/me", "workshop");
        expectServedBy("/api/projects", "project");
        expectServedBy("/api/notifications/inbox", "notification");
    }

    @Test
    void shouldReportUpOnlyWhenEveryServiceIsUp() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

        SERVICES.get("project").health.set("DOWN");

        client().get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN");
    }

    @Test
    void shouldPassValidTokensAndRequestsWithoutTokenToTheService() {
        client().get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + TestTokens.forPerson("p-1"))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Served-By", "notification");
        client().get().uri("/api/workshops").exchange().expectStatus().isOk();
    }

    /**
     * Each forged token reaches the check it is about: its payload parses and its claims are plausible, so only the
     * signature, algorithm, issuer, audience, type or expiry check can stop it, and none reaches a service.
     */
    @Test
    void shouldTurnAwayForgedExpiredAndMisdirectedTokensBeforeAnyService() {
        var attacks = new LinkedHashMap<>(TestTokens.attacksOn("p-1", "ADMIN"));
        attacks.put("not-a-jwt", "not-a-jwt");
        SERVICES.values().forEach(stub -> stub.requests.set(0));

        attacks.forEach((attack, token) -> client().get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("WWW-Authenticate")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized"));
        org.assertj.core.api.Assertions.assertThat(SERVICES.get("notification").requests.get()).isZero();
    }

    @Test
    void shouldAnswerUnknownPathWithProblem() {
        client().get().uri("/api/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").exists()
                .jsonPath("$.detail").exists();
    }

    private void expectServedBy(String path, String service) {
        client().get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", service);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    static final class Stub {
        final AtomicReference<String> health = new AtomicReference<>("UP");
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final HttpServer server;

        Stub(String name) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                var path = exchange.getRequestURI().getPath();
                boolean healthCheck = path.equals("/actuator/health");
                if (!healthCheck) {
                    requests.incrementAndGet();
                }
                var body = (healthCheck ? "{\"status\":\"" + health.get() + "\"}" : "{\"service\":\"" + name + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Served-By", name);
                exchange.sendResponseHeaders(healthCheck && !"UP".equals(health.get()) ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
