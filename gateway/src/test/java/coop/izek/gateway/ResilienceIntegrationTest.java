package coop.izek.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * A slow or failing service gives callers a fast problem with {@code Retry-After}, never a hung connection; only
 * requests that are safe to repeat are retried. (Its own gateway: the circuits it opens stay with it.)
 */
@TestPropertySource(properties = {"izek.gateway.resilience.minimum-calls=4", "izek.gateway.resilience.window=4",
        "izek.gateway.resilience.open-for=30s", "izek.gateway.resilience.call-timeout=2s"})
class ResilienceIntegrationTest extends GatewayTest {

    @Test
    void shouldRetryReadsButNotWritesWhenAServiceStumbles() {
        var notification = SERVICES.get("notification");
        notification.failNext(2);
        client().get().uri("/api/notifications/flaky").exchange().expectStatus().isOk();
        assertThat(notification.requests()).isEqualTo(3);

        notification.failNext(2);
        client().post().uri("/api/notifications/flaky").exchange().expectStatus().isEqualTo(503);
        assertThat(notification.requests()).isEqualTo(4);
    }

    @Test
    void shouldAnswerASlowServiceWithATimelyProblemAndStopCallingAServiceThatKeepsFailing() {
        var project = SERVICES.get("project");
        project.holdSlow();
        try {
            for (int i = 0; i < 4; i++) {
                var started = Instant.now();
                client().post().uri("/api/projects/slow").exchange()
                        .expectStatus().isEqualTo(504)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("Retry-After")
                        .expectBody().jsonPath("$.type").isEqualTo("/problems/gateway-timeout");
                assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
            }
            int calls = project.requests();
            // The circuit is open: answered at once, and the service is not called.
            client().get().uri("/api/projects").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals("Retry-After", "10")
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
            assertThat(project.requests()).isEqualTo(calls);
            // Other services are not affected.
            client().get().uri("/api/workshops").exchange().expectStatus().isOk();
        } finally {
            project.releaseSlow();
        }
    }

    /**
     * A live stream is quiet for longer than the response timeout (and the breaker's own limit) between its first
     * bytes and its next event: the API's stream and the portal's pass-through of it stay open and deliver it.
     */
    @Test
    void shouldKeepLiveStreamsOpenPastTheResponseTimeout() {
        for (var path : java.util.List.of("/api/notifications/stream", "/me/inbox/stream")) {
            var body = client().get().uri(path).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).as(path).contains("event:notification").contains("late");
        }
    }
}
