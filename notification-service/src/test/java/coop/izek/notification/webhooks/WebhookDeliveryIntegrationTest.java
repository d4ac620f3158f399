package coop.izek.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import coop.izek.events.MembershipEvents;
import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestMail;
import coop.izek.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@NotificationIntegrationTest
class WebhookDeliveryIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    final JsonMapper json = JsonMapper.builder().build();
    final Receiver receiver = new Receiver();
    final Receiver outsider = new Receiver();
    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void stopReceivers() {
        receiver.close();
        outsider.close();
    }

    @Test
    void shouldPostSignedEventOnceToTheWebhooksOfTheProjectsPartnersOnly() throws Exception {
        var cluster = organisation("Klaster Edukacyjny Lublin", "PL");
        var stranger = organisation("Başka Dernek", "TR");
        var projectId = project("LEARN-IZ", cluster);
        var hook = register(cluster, receiver.url(), ProjectEvents.DELIVERABLE_DUE_SOON.name());
        register(stranger, outsider.url(), ProjectEvents.DELIVERABLE_DUE_SOON.name());

        var eventId = UUID.randomUUID().toString();
        var dueSoon = Map.of("projectId", projectId, "acronym", "LEARN-IZ", "code", "D2.1", "title", "Żywe laboratorium",
                "dueDate", "2026-12-01", "responsibleOrganisationId", cluster.id(), "status", "DRAFT");
        for (int redelivery = 0; redelivery < 3; redelivery++) {
            EventContracts.publishWithId(ProjectEvents.DELIVERABLE_DUE_SOON, "default", eventId, projectId, dueSoon);
        }

        var request = await().until(receiver::received, r -> !r.isEmpty()).getFirst();
        // Verified as partners do, with the Standard Webhooks project's own library (which also refuses stale timestamps).
        assertThatCode(() -> new Webhook(hook.secret()).verify(request.body(), request.lowerCaseHeaders())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(hook.secret()).verify(request.body().replace("D2.1", "D9.9"), request.lowerCaseHeaders()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(otherSecret()).verify(request.body(), request.lowerCaseHeaders()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(Instant.ofEpochSecond(Long.parseLong(request.header("webhook-timestamp"))))
                .isBetween(Instant.now().minusSeconds(300), Instant.now().plusSeconds(5));
        var deliveryId = mongo.getCollection("deliveries").find(new Document("eventId", eventId).append("channel", "WEBHOOK")).first()
                .getString("_id");
        assertThat(request.header("webhook-id")).isEqualTo(deliveryId);
        assertThat(request.header("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(request.header("X-Izek-Event-Type")).isEqualTo(ProjectEvents.DELIVERABLE_DUE_SOON.name());
        JsonNode cloudEvent = json.readTree(request.body());
        assertThat(cloudEvent.path("specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.path("id").asString()).isEqualTo(eventId);
        assertThat(cloudEvent.path("type").asString()).isEqualTo(ProjectEvents.DELIVERABLE_DUE_SOON.name());
        assertThat(cloudEvent.path("data").path("code").asString()).isEqualTo("D2.1");
        assertThat(cloudEvent.path("data").path("title").asString()).isEqualTo("Żywe laboratorium");

        // The responsible partner also hears by email, in Polish for a Polish organisation (after joining the consortium).
        var mails = await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox(cluster.email()), m -> m.size() >= 2);
        assertThat(mails).extracting(TestMail.Received::subject)
                .containsExactly("Jesteście partnerem projektu LEARN-IZ", "LEARN-IZ D2.1: zbliża się termin");
        assertThat(mails.get(1).body()).contains("„Żywe laboratorium”", "01.12.2026");

        await().until(() -> delivered(hook.id()) == 1);
        // A later event as a marker: a second request for the first, had there been one, would have come before it.
        EventContracts.publish(ProjectEvents.DELIVERABLE_DUE_SOON, projectId, Map.of("projectId", projectId, "acronym", "LEARN-IZ",
                "code", "D2.2", "dueDate", "2026-12-02", "responsibleOrganisationId", cluster.id(), "status", "DRAFT"));
        await().until(() -> receiver.received().size() >= 2);
        assertThat(receiver.received()).filteredOn(r -> r.body().contains(eventId)).hasSize(1);
        // The other organisation is not in the project: its webhook hears nothing of it.
        assertThat(mongo.getCollection("deliveries").countDocuments(new Document("eventId", eventId).append("channel", "WEBHOOK")))
                .isEqualTo(1);
        assertThat(outsider.received()).isEmpty();
        client.get().uri("/api/notifications/webhooks/{id}/deliveries", hook.id()).header("Authorization", cluster.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[?(@.eventId == '" + eventId + "')].statusCode").isEqualTo(204)
                .jsonPath("$.items[?(@.eventId == '" + eventId + "')].succeeded").isEqualTo(true);
    }

    @Test
    void shouldRetryWithGrowingWaitsThenDisableTheWebhookUntilItsPartnerEnablesIt() {
        receiver.answer(503);
        var partner = organisation("Bornova Belediyesi", "TR");
        var projectId = project("SEA-CITY", partner);
        var hook = register(partner, receiver.url(), ProjectEvents.PROJECT_STATUS_CHANGED.name());

        String first;
        try (var probe = EventProbe.on(Topics.NOTIFICATION); var sender = EventSender.create()) {
            first = sender.send(Topics.PROJECT, ProjectEvents.PROJECT_STATUS_CHANGED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PROJECT_STATUS_CHANGED, Map.of("projectId", projectId, "acronym", "SEA-CITY", "from", "IDEA", "to", "DRAFTING")));
            var failed = probe.await(e -> e.type().endsWith("notification-failed.v1") && e.body().contains(first)
                    && e.body().contains("WEBHOOK"));
            assertThat(failed.body()).contains("\"attempts\":3", "HTTP 503");
        }
        var attempts = attemptTimes(hook.id());
        assertThat(attempts).hasSize(3);
        // Waits of 0.2 s, then 0.4 s (the test's first retry, doubling).
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        webhook(partner, hook.id()).jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.consecutiveFailures").isEqualTo(3);

        // One more failure reaches the limit of 4 in a row: disabled, and what is still waiting fails at once.
        try (var sender = EventSender.create()) {
            sender.send(Topics.PROJECT, ProjectEvents.PROJECT_STATUS_CHANGED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PROJECT_STATUS_CHANGED, Map.of("projectId", projectId, "acronym", "SEA-CITY", "from", "DRAFTING", "to", "SUBMITTED")));
        }
        await().until(() -> "DISABLED".equals(status(hook.id())));
        webhook(partner, hook.id()).jsonPath("$.disabledReason").value(r -> assertThat((String) r).contains("4 failed attempts", "503"));
        await().until(() -> mongo.getCollection("deliveries").countDocuments(new Document("webhookId", hook.id()).append("status", "FAILED")) == 2);
        assertThat(receiver.received()).hasSize(4);

        // The partner fixes its receiver and enables the webhook; staff replay the first failed delivery.
        receiver.answer(200);
        client.post().uri("/api/notifications/webhooks/{id}/enable", hook.id()).header("Authorization", partner.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.consecutiveFailures").isEqualTo(0);
        var failedId = mongo.getCollection("deliveries").find(new Document("webhookId", hook.id()).append("eventId", first)).first().getString("_id");
        client.post().uri("/api/notifications/failures/{id}/replay", failedId)
                .header("Authorization", "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString(), "ADMIN")).exchange()
                .expectStatus().isAccepted();
        await().until(() -> receiver.received().size() == 5);
        assertThat(receiver.received().get(4).body()).contains(first);
        await().until(() -> "SENT".equals(mongo.getCollection("deliveries").find(new Document("_id", failedId)).first().getString("status")));
    }

    /**
     * After a rotation both secrets sign, so a receiver that still has the old one keeps accepting deliveries; once
     * the grace period is over only the new one does.
     */
    @Test
    void shouldSignWithBothSecretsDuringARotationsGraceAndThenWithTheNewOneOnly() throws Exception {
        var partner = organisation("Fundacja Rotacja", "PL");
        var projectId = project("ROTATE", partner);
        var hook = register(partner, receiver.url(), ProjectEvents.PROJECT_STATUS_CHANGED.name());
        var rotated = client.post().uri("/api/notifications/webhooks/{id}/secret/rotation", hook.id()).header("Authorization", partner.bearer())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var newSecret = (String) rotated.get("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(hook.secret());
        assertThat(Instant.parse((String) rotated.get("previousSecretValidUntil"))).isAfter(Instant.now().plus(Duration.ofHours(23)));
        client.post().uri("/api/notifications/webhooks/{id}/secret/rotation", hook.id())
                .header("Authorization", organisation("Başkası", "TR").bearer()).exchange().expectStatus().isNotFound();

        EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, projectId, Map.of("projectId", projectId, "acronym", "ROTATE",
                "from", "IDEA", "to", "DRAFTING"));
        var during = await().until(receiver::received, r -> !r.isEmpty()).getFirst();
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(hook.secret()).verify(during.body(), during.lowerCaseHeaders());
        new Webhook(newSecret).verify(during.body(), during.lowerCaseHeaders());

        clock.advance(Duration.ofHours(25));
        try {
            EventContracts.publish(ProjectEvents.PROJECT_STATUS_CHANGED, projectId, Map.of("projectId", projectId, "acronym", "ROTATE",
                    "from", "DRAFTING", "to", "SUBMITTED"));
            var after = await().until(receiver::received, r -> r.size() >= 2).get(1);
            // Its timestamp is the moved clock's, so it is checked against the library's own signing, not the wall clock.
            var id = after.header("webhook-id");
            var timestamp = Long.parseLong(after.header("webhook-timestamp"));
            assertThat(after.header("webhook-signature")).isEqualTo(new Webhook(newSecret).sign(id, timestamp, after.body()))
                    .isNotEqualTo(new Webhook(hook.secret()).sign(id, timestamp, after.body()));
        } finally {
            clock.reset();
        }
    }

    @Test
    void shouldKeepEachOrganisationsWebhooksToItself() {
        var owner = organisation("Ege Üniversitesi", "TR");
        var other = organisation("Karşıyaka Belediyesi", "TR");
        var hook = register(owner, receiver.url(), ProjectEvents.PARTNER_ADDED.name());

        client.get().uri("/api/notifications/webhooks/{id}", hook.id()).header("Authorization", other.bearer()).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete().uri("/api/notifications/webhooks/{id}", hook.id()).header("Authorization", other.bearer()).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/notifications/webhooks/{id}/enable", hook.id()).header("Authorization", other.bearer()).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/notifications/webhooks/{id}/deliveries", hook.id()).header("Authorization", other.bearer()).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/notifications/webhooks").header("Authorization", other.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        client.get().uri("/api/notifications/webhooks").header("Authorization", owner.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].id").isEqualTo(hook.id())
                .jsonPath("$[0].secret").doesNotExist();
        // People are not partner organisations.
        client.post().uri("/api/notifications/webhooks").header("Authorization", "Bearer " + TestTokens.forPerson("p-1", "ADMIN"))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("url", receiver.url(), "eventTypes", List.of(ProjectEvents.PARTNER_ADDED.name())))
                .exchange().expectStatus().isForbidden();

        client.delete().uri("/api/notifications/webhooks/{id}", hook.id()).header("Authorization", owner.bearer()).exchange()
                .expectStatus().isNoContent();
        client.get().uri("/api/notifications/webhooks/{id}", hook.id()).header("Authorization", owner.bearer()).exchange()
                .expectStatus().isNotFound();
    }

    /** Whoever reads the store alone cannot sign deliveries: the secret is there only encrypted under the master key. */
    @Test
    void shouldKeepWebhookSecretsEncryptedInTheStore() {
        var partner = organisation("Uniwersytet Gdański", "PL");
        var hook = register(partner, receiver.url(), ProjectEvents.PARTNER_ADDED.name());

        var stored = mongo.getCollection("webhooks").find(new Document("_id", hook.id())).first();
        assertThat(stored.toJson()).doesNotContain(hook.secret()).doesNotContain(hook.secret().substring("whsec_".length()));
        assertThat(stored.getString("secret")).startsWith("enc:v1:");
    }

    /** Partners read what went wrong as a category, never an exception's message (nor a stack trace). */
    /**
     * The receiver takes the request and never answers in time: the attempt is logged as a timeout and the delivery
     * tried again with the same webhook-id and body, so a receiver that did act on the first can tell the retry is
     * the same message (Standard Webhooks' idempotency key). Delivered once it answers, and not again.
     */
    @Test
    void shouldRetryAReceiverThatTimesOutWithTheSameMessageIdAndThenStop() throws Exception {
        receiver.hang(1);
        var partner = organisation("Yavaş Sunucu Kooperatifi", "TR");
        var projectId = project("SLOW-HOOK", partner);
        var hook = register(partner, receiver.url(), ProjectEvents.PROJECT_STATUS_CHANGED.name());

        String eventId;
        try (var probe = EventProbe.on(Topics.NOTIFICATION); var sender = EventSender.create()) {
            eventId = sender.send(Topics.PROJECT, ProjectEvents.PROJECT_STATUS_CHANGED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PROJECT_STATUS_CHANGED, Map.of("projectId", projectId, "acronym", "SLOW-HOOK", "from", "IDEA", "to", "DRAFTING")));
            var sent = probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(eventId) && e.body().contains("WEBHOOK"));
            // A marker after the delivery: a second notification-sent for it would have come before the marker's.
            var marker = sender.send(Topics.PROJECT, ProjectEvents.PROJECT_STATUS_CHANGED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PROJECT_STATUS_CHANGED, Map.of("projectId", projectId, "acronym", "SLOW-HOOK", "from", "DRAFTING", "to", "SUBMITTED")));
            probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(marker) && e.body().contains("WEBHOOK"));
            assertThat(probe.received()).filteredOn(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(eventId)
                    && e.body().contains("WEBHOOK")).containsExactly(sent);
        }

        var deliveries = receiver.received().stream().filter(r -> r.body().contains(eventId)).toList();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(1).header("webhook-id")).isEqualTo(deliveries.get(0).header("webhook-id"));
        assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
        var attempts = mongo.getCollection("webhook_attempts").find(new Document("webhookId", hook.id())).sort(new Document("at", 1))
                .into(new java.util.ArrayList<>());
        assertThat(attempts).extracting(a -> a.getString("error")).startsWith("timeout");
        assertThat(delivered(hook.id())).isEqualTo(2);
    }

    @Test
    void shouldLogFailedAttemptsAsCategoriesForThePartner() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var partner = organisation("Kapalı Port Derneği", "TR");
        var projectId = project("NO-ONE", partner);
        var hook = register(partner, "http://127.0.0.1:" + closedPort + "/hook", ProjectEvents.PROJECT_STATUS_CHANGED.name());

        try (var sender = EventSender.create()) {
            sender.send(Topics.PROJECT, ProjectEvents.PROJECT_STATUS_CHANGED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PROJECT_STATUS_CHANGED, Map.of("projectId", projectId, "acronym", "NO-ONE", "from", "IDEA", "to", "DRAFTING")));
        }

        await().until(() -> mongo.getCollection("webhook_attempts").countDocuments(new Document("webhookId", hook.id())) > 0);
        var attempt = mongo.getCollection("webhook_attempts").find(new Document("webhookId", hook.id())).first();
        assertThat(attempt.getString("error")).isEqualTo("connection refused");
        client.get().uri("/api/notifications/webhooks/{id}/deliveries", hook.id()).header("Authorization", partner.bearer()).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(log -> assertThat(log).contains("connection refused").doesNotContain("Exception").doesNotContain("java."));
        var failed = mongo.getCollection("deliveries").find(new Document("webhookId", hook.id())).first();
        client.post().uri("/api/notifications/failures/{id}/replay", failed.getString("_id")).header("Authorization", partner.bearer())
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/notifications/failures/{id}/replay", failed.getString("_id"))
                .header("Authorization", "Bearer " + TestTokens.forPerson("learner")).exchange().expectStatus().isForbidden();
    }

    record Organisation(String id, String email, String bearer) {
    }

    record Hook(String id, String secret) {
    }

    /** A secret of the same form that is not the webhook's. */
    static String otherSecret() {
        var key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
    }

    private Organisation organisation(String name, String country) {
        var id = UUID.randomUUID().toString();
        var email = "contact-" + id + "@partner.test";
        try (var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, MembershipEvents.ORGANISATION_REGISTERED.name(), id, EventContracts.sample(
                    MembershipEvents.ORGANISATION_REGISTERED, Map.of("organisationId", id, "name", name, "country", country, "type", "NGO",
                            "contactEmail", email)));
        }
        return new Organisation(id, email, "Bearer " + TestTokens.forPartner("client-" + id, id));
    }

    /** A project with this organisation as a partner, its coordinator another organisation. */
    private String project(String acronym, Organisation partner) {
        var projectId = UUID.randomUUID().toString();
        try (var sender = EventSender.create()) {
            sender.send(Topics.PROJECT, ProjectEvents.PROJECT_CREATED.name(), projectId, EventContracts.sample(ProjectEvents.PROJECT_CREATED,
                    Map.of("projectId", projectId, "acronym", acronym, "coordinatorOrganisationId", "izek")));
            var added = sender.send(Topics.PROJECT, ProjectEvents.PARTNER_ADDED.name(), projectId, EventContracts.sample(
                    ProjectEvents.PARTNER_ADDED, Map.of("projectId", projectId, "acronym", acronym, "organisationId", partner.id())));
            await().until(() -> mongo.getCollection("processed_events").countDocuments(new Document("eventId", added)) > 0);
        }
        return projectId;
    }

    private Hook register(Organisation organisation, String url, String eventType) {
        var body = client.post().uri("/api/notifications/webhooks").header("Authorization", organisation.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("url", url, "eventTypes", List.of(eventType)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((String) body.get("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        return new Hook((String) body.get("id"), (String) body.get("secret"));
    }

    private org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec webhook(Organisation organisation, String id) {
        return client.get().uri("/api/notifications/webhooks/{id}", id).header("Authorization", organisation.bearer()).exchange()
                .expectStatus().isOk().expectBody();
    }

    private String status(String webhookId) {
        return mongo.getCollection("webhooks").find(new Document("_id", webhookId)).first().getString("status");
    }

    private long delivered(String webhookId) {
        return mongo.getCollection("deliveries").countDocuments(new Document("webhookId", webhookId).append("status", "SENT"));
    }

    private List<Instant> attemptTimes(String webhookId) {
        return mongo.getCollection("webhook_attempts").find(new Document("webhookId", webhookId)).sort(new Document("at", 1))
                .map(d -> d.getDate("at").toInstant()).into(new java.util.ArrayList<>());
    }
}
