package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.sun.net.httpserver.HttpServer;

import coop.izek.system.OtlpCollector.Span;

/**
 * One trace per request, from the gateway through the service, across Kafka (the context in the record's headers)
 * into notification-service's consumer and out to each delivery it causes: the email and the partner's webhook, the
 * email and the live inbox stream. Read from what every process exported over OTLP to a stand-in collector.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingIntegrationTest {

    static final String CLUSTER = "demo-org-glokal";

    Platform platform;
    HttpServer partner;
    final AtomicInteger hooks = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        platform = Platform.shared();
        assertThat(platform.traces).as("the platform this test started exports to the stand-in collector").isNotNull();
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/hooks", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                hooks.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        partner.start();
    }

    @AfterAll
    void stop() {
        partner.stop(0);
    }

    @Test
    void shouldFollowAPartnerJoiningAProjectToItsEmailAndWebhook() {
        var partnerToken = platform.partner(CLUSTER);
        var hook = platform.send("POST", "/api/notifications/webhooks", partnerToken, Platform.JSON.writeValueAsString(Map.of(
                "url", "http://127.0.0.1:" + partner.getAddress().getPort() + "/hooks",
                "eventTypes", List.of("coop.izek.project.partner-added.v1"))));
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        var admin = platform.admin();
        var today = LocalDate.now();
        var project = platform.send("POST", "/api/projects", admin, Platform.JSON.writeValueAsString(Map.of("acronym", "TRACE",
                "title", "Traced partnership", "programme", "OTHER", "coordinatorOrganisationId", "izek",
                "startDate", today.plusMonths(1).toString(), "endDate", today.plusYears(1).toString(), "currency", "EUR")));
        assertThat(project.statusCode()).as(project.body()).isEqualTo(201);
        var projectId = platform.json(project).get("id").asString();

        var traceId = newTraceId();
        var added = platform.send(traced(HttpRequest.newBuilder(platform.gateway("/api/projects/" + projectId + "/partners")), traceId)
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisationId\":\"" + CLUSTER + "\",\"role\":\"PARTNER\"}")).build());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hooks.get()).isPositive();
            assertThat(platform.traces.trace(traceId)).extracting(Span::service, Span::name).contains(
                    tuple("notification-service", "deliver webhook"),
                    tuple("notification-service", "deliver email"));
            assertThat(platform.traces.trace(traceId)).extracting(Span::service)
                    .contains("gateway", "project-service", "notification-service");
        });
    }

    @Test
    void shouldFollowAPasswordChangeToItsEmailAndTheLiveInboxStream() throws Exception {
        var email = "traced-" + UUID.randomUUID() + "@example.org";
        var token = platform.register(email, "Ilk-parola-42", "Defne İzli", true);
        var lines = new CopyOnWriteArrayList<String>();
        var streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            streams.sendAsync(HttpRequest.newBuilder(platform.gateway("/api/notifications/stream")).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.contains(":connected"));
            var before = lines.size();

            var traceId = newTraceId();
            var changed = platform.send(traced(HttpRequest.newBuilder(platform.gateway("/api/auth/password")), traceId)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"Ilk-parola-42\",\"newPassword\":\"Yeni-parola-42\"}"))
                    .build());
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(lines.subList(before, lines.size())).contains("event:notification");
                assertThat(platform.traces.trace(traceId)).extracting(Span::service, Span::name).contains(
                        tuple("notification-service", "deliver live-stream"),
                        tuple("notification-service", "deliver email"));
                assertThat(platform.traces.trace(traceId)).extracting(Span::service)
                        .contains("gateway", "membership-service", "notification-service");
            });
        } finally {
            streams.shutdownNow();
        }
    }

    private static HttpRequest.Builder traced(HttpRequest.Builder request, String traceId) {
        return request.timeout(Duration.ofSeconds(20)).header("traceparent", "00-" + traceId + "-" + span() + "-01");
    }

    private static String span() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() | 1L);
    }

    private static String newTraceId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() | 1L)
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
