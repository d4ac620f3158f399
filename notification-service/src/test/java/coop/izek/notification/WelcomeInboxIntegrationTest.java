package coop.izek.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestTokens;

@NotificationIntegrationTest
class WelcomeInboxIntegrationTest {

    @LocalServerPort
    int port;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void shouldWelcomeNewPersonInTheirLocale() {
        var personId = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), personId, "Şule Çağlar", "tr");

        var item = awaitInbox(personId, 1).getFirst();
        assertThat(item).containsEntry("kind", "WELCOME").containsEntry("read", false);
        assertThat((String) item.get("title")).isEqualTo("İZEK'e hoş geldiniz");
        assertThat((String) item.get("body")).startsWith("Merhaba Şule Çağlar,");
    }

    @Test
    void shouldWriteInEnglishAndPolishForThoseLocales() {
        var english = UUID.randomUUID().toString();
        var polish = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), english, "Anna Smith", "en");
        publishRegistration(UUID.randomUUID().toString(), polish, "Łucja Wójcik", "pl");

        assertThat(awaitInbox(english, 1).getFirst().get("title")).isEqualTo("Welcome to İZEK");
        assertThat((String) awaitInbox(polish, 1).getFirst().get("body")).startsWith("Dzień dobry Łucja Wójcik,");
    }

    /** Counted where it leaves: one in-app delivery announced on the topic, whatever the redeliveries. */
    @Test
    void shouldPutOneItemInTheInboxWhenTheEventIsRedelivered() {
        var personId = UUID.randomUUID().toString();
        var eventId = UUID.randomUUID().toString();
        try (var probe = EventProbe.on(Topics.NOTIFICATION)) {
            publishRegistration(eventId, personId, "Ali Veli", "tr");
            publishRegistration(eventId, personId, "Ali Veli", "tr");
            publishRegistration(eventId, personId, "Ali Veli", "tr");
            // A later event for the same person proves the redeliveries before it were consumed.
            var later = UUID.randomUUID().toString();
            publishRegistration(later, personId, "Ali Veli", "tr");

            probe.await(e -> e.body().contains(later) && e.body().contains("\"IN_APP\""));
            assertThat(probe.received()).filteredOn(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(eventId)
                    && e.body().contains("\"IN_APP\"")).hasSize(1);
            var items = awaitInbox(personId, 2);
            assertThat(items).extracting(i -> i.get("eventId")).containsExactlyInAnyOrder(eventId, later);
        }
    }

    /** Workshop events are consumed in batches; each in-app notice still belongs to the trace of the event behind it. */
    @Test
    void shouldAnnounceAnInAppNoticeInTheTraceOfTheEnrolmentBehindIt() {
        var personId = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), personId, "Deniz Ak", "tr");
        awaitInbox(personId, 1);
        var workshopId = UUID.randomUUID().toString();
        EventContracts.publish(WorkshopEvents.WORKSHOP_PUBLISHED, workshopId, Map.of("workshopId", workshopId, "educatorPersonId", "x",
                "title", "Seramik", "targetGroup", "ADULTS", "sessionId", "s1", "start", "2030-01-01T10:00:00+03:00",
                "end", "2030-01-01T12:00:00+03:00"));
        var traceId = UUID.randomUUID().toString().replace("-", "");
        var confirmed = EventContracts.sample(WorkshopEvents.ENROLMENT_CONFIRMED, Map.of("workshopId", workshopId, "enrolmentId", "e-t",
                "enrolleeId", personId, "personId", personId, "targetGroup", "ADULTS", "price", "100.00"));

        try (var probe = EventProbe.on(Topics.NOTIFICATION); var sender = EventSender.create()) {
            var eventId = sender.sendInTrace(Topics.WORKSHOP, WorkshopEvents.ENROLMENT_CONFIRMED.name(), workshopId, confirmed,
                    "00-" + traceId + "-1234567890abcdef-01");

            var sent = probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(eventId)
                    && e.body().contains("\"IN_APP\""));
            assertThat(sent.headers().get("traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void shouldTellAnEducatorTheProjectAssignedThem() {
        var educator = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), educator, "Zeynep Kaya", "tr");
        EventContracts.publish(coop.izek.events.ProjectEvents.EDUCATOR_ASSIGNED, "project-1", Map.of("projectId", "project-1",
                "acronym", "AILE-OKU", "personId", educator));
        var assigned = awaitInbox(educator, 2).getFirst();
        assertThat((String) assigned.get("title")).isEqualTo("AILE-OKU projesinde eğitmensiniz");
        assertThat((String) assigned.get("body")).startsWith("Merhaba Zeynep Kaya, AILE-OKU projesinde");
    }

    @Test
    void shouldTellApplicantsWhetherTheirApplicationWasApprovedOrRejected() {
        var approved = UUID.randomUUID().toString();
        var rejected = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), approved, "Ayşe Öğretmen", "tr");
        publishRegistration(UUID.randomUUID().toString(), rejected, "Bora Eğitmen", "en");
        // As membership-service words its decisions (its contract samples, which its own tests hold it to).
        EventContracts.publish(MembershipEvents.APPLICATION_DECIDED, "approve", "a-1", Map.of("applicationId", "a-1",
                "personId", approved, "memberId", "m-1", "memberNumber", "IZEK-000042"));
        EventContracts.publish(MembershipEvents.APPLICATION_DECIDED, "reject", "a-2", Map.of("applicationId", "a-2",
                "personId", rejected, "reason", "Not an educator yet"));

        var approval = awaitInbox(approved, 2).getFirst();
        assertThat(approval).containsEntry("kind", "APPLICATION_APPROVED");
        assertThat((String) approval.get("body")).contains("IZEK-000042");
        var rejection = awaitInbox(rejected, 2).getFirst();
        assertThat(rejection).containsEntry("kind", "APPLICATION_REJECTED");
        assertThat((String) rejection.get("body")).contains("Not an educator yet");
    }

    @Test
    void shouldMarkOwnItemReadAndFilterUnread() {
        var personId = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), personId, "Deniz", "en");
        var id = (String) awaitInbox(personId, 1).getFirst().get("id");
        var token = TestTokens.forPerson(personId);

        client.post().uri("/api/notifications/inbox/{id}/read", id).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isNoContent();

        client.get().uri("/api/notifications/inbox?unread=true").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0).jsonPath("$.items.length()").isEqualTo(0);
        client.get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].read").isEqualTo(true);
    }

    @Test
    void shouldNotLetSomeoneElseReadOrMarkAnInboxItem() {
        var owner = UUID.randomUUID().toString();
        publishRegistration(UUID.randomUUID().toString(), owner, "Owner", "tr");
        var id = (String) awaitInbox(owner, 1).getFirst().get("id");
        var stranger = TestTokens.forPerson(UUID.randomUUID().toString());

        client.post().uri("/api/notifications/inbox/{id}/read", id).header("Authorization", "Bearer " + stranger)
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + stranger)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void shouldRequireValidTokenForTheInbox() {
        client.get().uri("/api/notifications/inbox").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + TestTokens.attacksOn("p-1").get("expired"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRejectOversizedPage() {
        client.get().uri("/api/notifications/inbox?size=500").header("Authorization", "Bearer " + TestTokens.forPerson("p-1"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
    }

    private void publishRegistration(String eventId, String personId, String fullName, String locale) {
        EventContracts.publishWithId(MembershipEvents.PERSON_REGISTERED, "default", eventId, personId, Map.of("personId", personId,
                "email", personId + "@example.org", "fullName", fullName, "locale", locale));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitInbox(String personId, int expected) {
        var token = TestTokens.forPerson(personId);
        return await().until(() -> (List<Map<String, Object>>) client.get().uri("/api/notifications/inbox")
                        .header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items"),
                items -> items.size() >= expected);
    }
}
