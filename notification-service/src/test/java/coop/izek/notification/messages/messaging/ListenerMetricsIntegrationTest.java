package coop.izek.notification.messages.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.MembershipEvents;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventContracts;

/**
 * The service has a record listener (the membership topic) and a batch listener (the workshop topic). Both must be
 * seen where the operations team looks: Prometheus's scrape, as the dashboards query it.
 */
@NotificationIntegrationTest
class ListenerMetricsIntegrationTest {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldExportTheRecordListenersTimerBesideTheBatchListenersSteps() throws Exception {
        var personId = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.PERSON_REGISTERED, personId, Map.of("personId", personId,
                "email", personId + "@metrics.test", "fullName", "Metin Sayar"));
        var workshopId = UUID.randomUUID().toString();
        EventContracts.publish(WorkshopEvents.WORKSHOP_PUBLISHED, workshopId, Map.of("workshopId", workshopId,
                "educatorPersonId", personId, "title", "Ölçüm", "targetGroup", "ADULTS", "sessionId", "s1",
                "start", "2030-01-01T10:00:00+03:00", "end", "2030-01-01T12:00:00+03:00"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .contains("izek_events_batch_step_seconds_count{application=\"notification-service\",consumer=\""
                        + EventsListener.WORKSHOP_CONSUMER + "\"")
                .containsPattern("spring_kafka_listener_seconds_count\\{[^}]*messaging_source_name=\"izek.membership.v1\""));
        assertThat(scrape().lines().filter(line -> line.startsWith("spring_kafka_listener_seconds_count")))
                .as("every listener timer is the observation's, with the listener's id, as the dashboards group them")
                .isNotEmpty().allMatch(line -> line.contains("spring_kafka_listener_id="));
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
