package coop.izek.gateway;

import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import coop.izek.testsupport.TestTokens;

class GatewayIntegrationTest extends GatewayTest {

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
    void shouldGiveThePortalEveryPathNoServiceClaimsButNeverTheApiSpace() {
        expectServedBy("/", "portal");
        expectServedBy("/workshops?category=STEM", "portal");
        expectServedBy("/portal/callback?code=x&state=y", "portal");
        expectServedBy("/webjars/htmx.org/dist/htmx.min.js", "portal");
        expectServedBy("/login", "membership");
        client().get().uri("/api/nowhere").exchange().expectStatus().isNotFound();
        client().get().uri("/actuator/health").exchange().expectStatus().isOk();
        org.assertj.core.api.Assertions.assertThat(SERVICES.get("portal").requests()).isEqualTo(4);
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
        
        attacks.forEach((attack, token) -> client().get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("WWW-Authenticate")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized"));
        org.assertj.core.api.Assertions.assertThat(SERVICES.get("notification").requests()).isZero();
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
                .jsonPath("$.detail").exists()
                .jsonPath("$.instance").isEqualTo("/api/nowhere")
                // RFC 9457 members only, not the Java holder of extensions.
                .jsonPath("$.properties").doesNotExist();
    }

    private void expectServedBy(String path, String service) {
        client().get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", service);
    }
}
