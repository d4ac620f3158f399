package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;

/**
 * A request's trace context (W3C {@code traceparent}) and correlation id ({@code X-Request-Id}, as the gateway sets
 * it) go with the events it causes: the Kafka record, published later on another thread, carries both.
 */
@IntegrationTest
class TracingIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void shouldCarryTheRequestsTraceAndCorrelationIdOntoTheEventsItCauses() {
        var bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        var hex = HexFormat.of().formatHex(bytes);
        var traceId = hex.substring(0, 32);
        var parentSpan = hex.substring(32, 48);
        var requestId = "req-" + UUID.randomUUID();
        var id = "traced-" + UUID.randomUUID();
        try (var probe = EventProbe.on(Sample.SAMPLE_HAPPENED.topic())) {
            RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                    .post().uri("/samples/public/{id}/happened", id)
                    .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                    .header("X-Request-Id", requestId)
                    .exchange().expectStatus().isAccepted();
            var record = probe.await(e -> id.equals(e.subject()));
            assertThat(record.headers().get("traceparent")).startsWith("00-" + traceId + "-").doesNotContain(parentSpan);
            assertThat(record.headers().get("x-request-id")).isEqualTo(requestId);
        }
    }
}
