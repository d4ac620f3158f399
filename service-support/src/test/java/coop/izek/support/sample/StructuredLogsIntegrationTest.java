package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.testsupport.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} (as compose and Kubernetes set it) every log line is one JSON
 * object in the Elastic Common Schema, naming the service and the trace and span it belongs to.
 */
@IntegrationTest
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void shouldWriteEachLogLineAsEcsJsonWithItsTraceAndSpan(CapturedOutput output) {
        var traceId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() | 1L)
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/samples/public/boom").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(500);

        var line = await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().lines()
                .filter(l -> l.contains("Unexpected error, incident")).findFirst(), java.util.Optional::isPresent).orElseThrow();
        var json = JsonMapper.builder().build().readTree(line);
        assertThat(json.at("/log/level").asString()).isEqualTo("ERROR");
        assertThat(json.at("/service/name").asString()).isEqualTo("support-tests");
        assertThat(json.get("message").asString()).startsWith("Unexpected error, incident");
        assertThat(json.get("traceId").asString()).isEqualTo(traceId);
        assertThat(json.get("spanId").asString()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
        assertThat(json.has("@timestamp")).isTrue();
        // The exception is a field of the line, not lines of text of its own.
        assertThat(json.at("/error/type").asString()).isEqualTo(IllegalStateException.class.getName());
    }
}
