package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestMail;
import coop.izek.testsupport.TestTokens;

@NotificationIntegrationTest
class EmailDeliveryIntegrationTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        // Daytime in İzmir, whenever the tests run: quiet hours would hold most emails back.
        clock.advanceToNextIzmirTime(LocalTime.of(10, 0));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldEmailWithTurkishCharactersIntactReadBackOverImap() {
        var person = register("Şule Çağlar", "tr");

        var mail = awaitMail(person.email(), 1).getFirst();
        assertThat(mail.subject()).isEqualTo("İZEK'e hoş geldiniz");
        assertThat(mail.body()).startsWith("Merhaba Şule Çağlar, hesabınız oluşturuldu.");
        assertThat(mail.from()).contains("bildirim@izek.local");
    }

    @Test
    void shouldSendOneMessagePerRecipientAndChannelHoweverOftenTheEventArrives() {
        var guardian = register("Elif Şahin", "tr");
        var child = addChild(guardian, "Ege Şahin");
        var workshopId = publishWorkshop("Robotik Atölyesi");
        var eventId = UUID.randomUUID().toString();
        var confirmed = Map.of("workshopId", workshopId, "enrolmentId", "e-1", "enrolleeId", guardian.id(), "dependantId", child,
                "targetGroup", "CHILDREN", "price", "300.00");

        try (var probe = EventProbe.on(Topics.NOTIFICATION)) {
            for (int delivery = 0; delivery < 3; delivery++) {
                EventContracts.publishWithId(WorkshopEvents.ENROLMENT_CONFIRMED, "default", eventId, workshopId, confirmed);
            }
            probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(eventId) && e.body().contains("\"EMAIL\""));
        }
        // A later message to the same person as a marker: any second copy of the first would have been sent before it.
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-marker", Map.of("memberId", "m-marker", "personId", guardian.id()));
        awaitMail(guardian.email(), 3);

        var mails = TestMail.inbox(guardian.email()).stream().filter(m -> m.subject().contains("Robotik")).toList();
        assertThat(mails).hasSize(1);
        // The message about the child goes to the guardian, naming the child.
        assertThat(mails.getFirst().subject()).isEqualTo("Kaydınız onaylandı: Robotik Atölyesi");
        assertThat(mails.getFirst().body()).contains("Ege Şahin", "300.00 TRY");
        assertThat(inboxKinds(guardian)).containsOnlyOnce("ENROLMENT_CONFIRMED");
    }

    @Test
    void shouldHoldEmailsUntilQuietHoursEndButSendCancellationsAtOnce() {
        var learner = register("Deniz Kaya", "en");
        awaitMail(learner.email(), 1);
        var workshopId = publishWorkshop("Satranç");
        clock.advanceToNextIzmirTime(LocalTime.of(23, 0));

        EventContracts.publish(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, Map.of("workshopId", workshopId, "enrolmentId", "e-2",
                "enrolleeId", learner.id(), "personId", learner.id(), "targetGroup", "ADULTS", "price", "100.00"));
        EventContracts.publish(WorkshopEvents.WORKSHOP_CANCELLED, workshopId, Map.of("workshopId", workshopId, "title", "Satranç",
                "educatorPersonId", "x", "cancelledBy", "x", "reason", "The educator is ill.", "enrolmentId", "e-2",
                "enrolleeId", learner.id(), "personId", learner.id(), "targetGroup", "ADULTS"));

        var cancellation = awaitMail(learner.email(), 2).get(1);
        assertThat(cancellation.subject()).isEqualTo("Workshop cancelled: Satranç");
        assertThat(cancellation.body()).contains("The educator is ill.");
        // The confirmation waits for 08:00 in İzmir; in-app it is there at once.
        assertThat(inboxKinds(learner)).contains("ENROLMENT_CONFIRMED", "WORKSHOP_CANCELLED");
        var held = mongo.getCollection("deliveries").find(new org.bson.Document("personId", learner.id())
                .append("kind", "enrolment-confirmed").append("channel", "EMAIL")).first();
        assertThat(held).isNotNull();
        assertThat(held.getString("status")).isEqualTo("PENDING");
        assertThat(held.getDate("notBefore").toInstant().atZone(ISTANBUL).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(TestMail.inbox(learner.email())).hasSize(2);

        clock.advance(Duration.ofHours(9));
        assertThat(awaitMail(learner.email(), 3).get(2).subject()).isEqualTo("Enrolment confirmed: Satranç");
    }

    @Test
    void shouldRetryThenLogTheFailureForStaffWhoCanReplayIt() {
        // Nobody registered this person here yet: there is no address to send to.
        var personId = UUID.randomUUID().toString();
        var staff = "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString(), "ADMIN");
        try (var probe = EventProbe.on(Topics.NOTIFICATION)) {
            EventContracts.publish(MembershipEvents.MEMBER_STATUS_CHANGED, "m", Map.of("memberId", "m", "personId", personId,
                    "memberType", "EDUCATOR", "from", "ACTIVE", "to", "SUSPENDED", "reason", "Payment overdue"));
            var failed = probe.await(e -> e.type().endsWith("notification-failed.v1") && e.body().contains(personId));
            assertThat(failed.body()).contains("\"attempts\":3", "\"channel\":\"EMAIL\"");
        }
        var failureId = personId;
        String body = client.get().uri("/api/notifications/failures?size=100").header("Authorization", staff).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains(personId, "No address known yet");
        client.get().uri("/api/notifications/failures").header("Authorization", "Bearer " + TestTokens.forPerson(personId))
                .exchange().expectStatus().isForbidden();

        var person = registerAs(personId, "Kemal Aydın", "tr");
        awaitMail(person.email(), 1);
        var deliveryId = mongo.getCollection("deliveries").find(new org.bson.Document("personId", failureId)
                .append("status", "FAILED")).first().getString("_id");
        client.post().uri("/api/notifications/failures/{id}/replay", deliveryId).header("Authorization", staff).exchange()
                .expectStatus().isAccepted();
        client.post().uri("/api/notifications/failures/{id}/replay", deliveryId).header("Authorization", staff).exchange()
                .expectStatus().isEqualTo(409);

        var replayed = awaitMail(person.email(), 2).get(1);
        assertThat(replayed.subject()).isEqualTo("Üyelik durumunuz değişti");
        assertThat(replayed.body()).contains("SUSPENDED", "Payment overdue");
    }

    @Test
    void shouldFollowPreferencesButAlwaysSendCancellations() {
        var learner = register("Ada Yılmaz", "tr");
        awaitMail(learner.email(), 1);
        client.put().uri("/api/notifications/preferences").header("Authorization", learner.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("locale", "en", "channels", Map.of("EMAIL", true, "IN_APP", true),
                        "quietHours", Map.of("start", "00:00", "end", "00:00"), "categories", Map.of("WORKSHOPS", Map.of("EMAIL", false))))
                .exchange().expectStatus().isOk();
        client.put().uri("/api/notifications/preferences").header("Authorization", learner.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("locale", "en", "channels", Map.of("EMAIL", true),
                        "categories", Map.of("CANCELLATIONS", Map.of("EMAIL", false))))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/always-goes");
        var workshopId = publishWorkshop("Seramik");

        var enrolment = Map.of("workshopId", workshopId, "enrolmentId", "e-3", "enrolleeId", learner.id(), "personId", learner.id(),
                "targetGroup", "ADULTS");
        EventContracts.publish(WorkshopEvents.ENROLMENT_WAITLISTED, workshopId, enrolment);
        var byStaff = new java.util.HashMap<>(enrolment);
        byStaff.putAll(Map.of("previousStatus", "WAITLISTED", "cancelledBy", "staff", "cause", "STAFF"));
        EventContracts.publish(WorkshopEvents.ENROLMENT_CANCELLED, workshopId, byStaff);

        var cancelled = awaitMail(learner.email(), 2).get(1);
        assertThat(cancelled.subject()).isEqualTo("Enrolment cancelled: Seramik");
        assertThat(inboxKinds(learner)).contains("ENROLMENT_WAITLISTED", "ENROLMENT_CANCELLED_BY_STAFF");
        assertThat(TestMail.inbox(learner.email())).noneMatch(m -> m.subject().startsWith("On the waiting list"));
        client.get().uri("/api/notifications/preferences").header("Authorization", learner.bearer()).exchange()
                .expectBody().jsonPath("$.locale").isEqualTo("en").jsonPath("$.categories.WORKSHOPS.EMAIL").isEqualTo(false);
    }

    /**
     * An instance claimed a delivery and died before sending it: nobody else sends it while its lease lasts, and the
     * first instance to look after the lease ends sends it, once. Counted at the SMTP server.
     */
    @Test
    void shouldTakeOverTheClaimOfACrashedInstanceOnceItsLeaseEnds() {
        var claim = claimedOvernightByAnInstanceThatDied("Kaan Yılmaz", "Ahşap Oymacılığı", "e-9");
        var learner = claim.learner();
        clock.advance(Duration.between(clock.instant(), claim.morning()));

        // Morning: something else for the same person goes out; the claimed delivery, still leased, does not.
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-lease", Map.of("memberId", "m-lease", "personId", learner.id()));
        awaitMail(learner.email(), 2);
        assertThat(TestMail.inbox(learner.email())).noneMatch(m -> m.subject().contains("Ahşap"));

        clock.advance(Duration.ofMinutes(3));
        awaitMail(learner.email(), 3);
        var activation = new org.bson.Document("personId", learner.id()).append("kind", "member-activated").append("channel", "EMAIL");
        await().until(() -> "SENT".equals(mongo.getCollection("deliveries").find(claim.delivery()).first().getString("status")));
        assertThat(TestMail.inbox(learner.email())).filteredOn(m -> m.subject().contains("Ahşap")).hasSize(1);
        assertThat(mongo.getCollection("deliveries").find(activation).first().getString("status")).isEqualTo("SENT");
    }

    /**
     * An instance claimed a delivery, handed the mail to the server (the claim marked so) and died before it heard the
     * answer: whoever takes the claim over records it as sent, with its event, and does not send it again. Counted
     * at the SMTP server, after a later message to the same person has arrived.
     */
    @Test
    void shouldRecordAsSentNotSendAgainWhatACrashedInstanceHadHandedToTheMailServer() {
        var claim = claimedOvernightByAnInstanceThatDied("Defne Aydın", "Seramik Atölyesi", "e-10");
        var learner = claim.learner();
        // Marked as Dispatcher.markHanded marks, before the instance died.
        assertThat(mongo.getCollection("deliveries").updateOne(claim.delivery(), com.mongodb.client.model.Updates.combine(
                com.mongodb.client.model.Updates.set("handedAt", java.util.Date.from(claim.morning().plusSeconds(1))),
                com.mongodb.client.model.Updates.set("address", learner.email()),
                com.mongodb.client.model.Updates.set("subject", "Kaydınız onaylandı: Seramik Atölyesi"))).getModifiedCount()).isEqualTo(1);

        try (var probe = EventProbe.on(Topics.NOTIFICATION)) {
            clock.advance(Duration.between(clock.instant(), claim.morning()).plus(Duration.ofMinutes(3)));
            var sent = probe.await(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(learner.id())
                    && e.body().contains("enrolment-confirmed"));
            assertThat(sent.body()).contains("\"EMAIL\"").contains("\"SENT\"");
        }
        var recorded = mongo.getCollection("deliveries").find(claim.delivery()).first();
        assertThat(recorded.getString("status")).isEqualTo("SENT");
        assertThat(recorded.getString("note")).contains("stopped before its answer");
        assertThat(recorded.getString("subject")).isEqualTo("Kaydınız onaylandı: Seramik Atölyesi");

        // Anything sent after the takeover arrives after what the takeover would have sent.
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-handed", Map.of("memberId", "m-handed", "personId", learner.id()));
        awaitMail(learner.email(), 2);
        assertThat(TestMail.inbox(learner.email())).hasSize(2).noneMatch(m -> m.subject().contains("Seramik"));
    }

    /** An enrolment's mail held by quiet hours until the morning, and claimed then (the lease ending at 9:02) by an instance that died. */
    record DeadClaim(Person learner, org.bson.Document delivery, java.time.Instant morning) {
    }

    private DeadClaim claimedOvernightByAnInstanceThatDied(String fullName, String title, String enrolmentId) {
        var learner = register(fullName, "tr");
        awaitMail(learner.email(), 1);
        var workshopId = publishWorkshop(title);
        clock.advanceToNextIzmirTime(LocalTime.of(23, 0));
        EventContracts.publish(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, Map.of("workshopId", workshopId, "enrolmentId", enrolmentId,
                "enrolleeId", learner.id(), "personId", learner.id(), "targetGroup", "ADULTS"));
        var held = new org.bson.Document("personId", learner.id()).append("kind", "enrolment-confirmed").append("channel", "EMAIL");
        await().until(() -> mongo.getCollection("deliveries").find(new org.bson.Document(held).append("status", "PENDING")).first() != null);
        var morning = clock.instant().atZone(ISTANBUL).toLocalDate().plusDays(1).atTime(9, 0).atZone(ISTANBUL).toInstant();

        // Claimed as Dispatcher.claim claims (SENDING, a lease, one attempt more).
        var claimed = mongo.getCollection("deliveries").updateOne(held, com.mongodb.client.model.Updates.combine(
                com.mongodb.client.model.Updates.set("status", "SENDING"),
                com.mongodb.client.model.Updates.set("leaseUntil", java.util.Date.from(morning.plus(Duration.ofMinutes(2)))),
                com.mongodb.client.model.Updates.inc("attempts", 1)));
        assertThat(claimed.getModifiedCount()).isEqualTo(1);
        return new DeadClaim(learner, held, morning);
    }

    record Person(String id, String email, String bearer) {
    }

    private Person register(String fullName, String locale) {
        return registerAs(UUID.randomUUID().toString(), fullName, locale);
    }

    private Person registerAs(String personId, String fullName, String locale) {
        var email = personId + "@izek.test";
        EventContracts.publish(MembershipEvents.PERSON_REGISTERED, personId, Map.of("personId", personId, "email", email,
                "fullName", fullName, "locale", locale));
        return new Person(personId, email, "Bearer " + TestTokens.forPerson(personId));
    }

    private String addChild(Person guardian, String fullName) {
        var id = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, guardian.id(), Map.of("dependantId", id, "guardianId", guardian.id(),
                "fullName", fullName));
        return id;
    }

    private String publishWorkshop(String title) {
        var id = UUID.randomUUID().toString();
        EventContracts.publish(WorkshopEvents.WORKSHOP_PUBLISHED, id, Map.of("workshopId", id, "educatorPersonId", "x", "title", title,
                "targetGroup", "CHILDREN", "sessionId", "s1", "start", "2030-01-01T10:00:00+03:00", "end", "2030-01-01T12:00:00+03:00"));
        return id;
    }

    private static List<TestMail.Received> awaitMail(String address, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox(address), mails -> mails.size() >= count);
    }

    @SuppressWarnings("unchecked")
    private List<String> inboxKinds(Person person) {
        return await().until(() -> ((List<Map<String, Object>>) client.get().uri("/api/notifications/inbox?size=100")
                .header("Authorization", person.bearer()).exchange().expectBody(Map.class).returnResult().getResponseBody()
                .get("items")).stream().map(i -> (String) i.get("kind")).toList(), kinds -> kinds.size() >= 2);
    }

}
