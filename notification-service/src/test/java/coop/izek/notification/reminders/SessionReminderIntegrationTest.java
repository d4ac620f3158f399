package coop.izek.notification.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.events.WorkshopEvents;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestMail;

@NotificationIntegrationTest
class SessionReminderIntegrationTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @Autowired
    SessionReminders reminders;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    EventProbe sent;

    @BeforeEach
    void readTheNotificationTopic() {
        sent = EventProbe.on(Topics.NOTIFICATION);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        sent.close();
    }

    @Test
    void shouldRemindEachGroupHoldingPlacesOnceADayBeforeEachSessionWhateverHowManyInstancesLook() throws Exception {
        // 10:00 in İzmir, outside quiet hours, so the emails go at once.
        clock.advanceToNextIzmirTime(LocalTime.of(10, 0));
        var guardian = person("Elif Şahin");
        var child = child(guardian, "Ege Şahin");
        var learner = person("Mert Yıldız");
        var promoted = person("Zeynep Koç");
        var cancelled = person("Can Arslan");
        var firstSession = clock.instant().plus(Duration.ofHours(23));
        var secondSession = firstSession.plus(Duration.ofDays(7));
        var workshopId = workshop("Robotik Atölyesi", firstSession, secondSession);
        enrolment(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, guardian, Map.of("dependantId", child, "targetGroup", "CHILDREN"));
        enrolment(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, learner, Map.of("personId", learner, "targetGroup", "ADULTS"));
        enrolment(WorkshopEvents.ENROLMENT_PROMOTED, workshopId, promoted, Map.of("personId", promoted, "targetGroup", "ADULTS"));
        var gone = enrolment(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, cancelled, Map.of("personId", cancelled, "targetGroup", "ADULTS"));
        cancel(workshopId, gone, cancelled);
        awaitTracked(workshopId, gone);

        // Two instances' jobs, twice each, all at the same moment.
        var barrier = new CyclicBarrier(4);
        try (var pool = Executors.newFixedThreadPool(4)) {
            var runs = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < 4; i++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    passTogether(barrier);
                    reminders.remindComingSessions();
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        }

        var start = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").format(firstSession.atZone(ISTANBUL));
        var guardianMail = awaitReminders(guardian, 1).getFirst();
        assertThat(guardianMail.subject()).isEqualTo("Yarın: Robotik Atölyesi");
        assertThat(guardianMail.body()).contains(start, "Ege Şahin");
        awaitReminders(learner, 1);
        awaitReminders(promoted, 1);
        await().until(() -> reminderInboxItems(guardian) >= 1 && reminderInboxItems(learner) >= 1 && reminderInboxItems(promoted) >= 1);
        // A later message to each as a marker: a second reminder, had there been one, would have been sent before it.
        for (var person : List.of(guardian, learner, promoted)) {
            EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, "m-" + person, Map.of("memberId", "m-" + person, "personId", person));
        }
        for (var person : List.of(guardian, learner, promoted)) {
            await().until(() -> TestMail.inbox(email(person)).stream().anyMatch(m -> !m.subject().startsWith("Yarın")
                    && !m.subject().startsWith("İZEK")));
            assertThat(reminderEmails(person)).isEqualTo(1);
        }
        assertThat(reminderInboxItems(guardian)).isEqualTo(1);
        assertThat(reminderInboxItems(learner)).isEqualTo(1);
        assertThat(reminderInboxItems(cancelled)).isZero();

        // Looking again finds nothing new; a week on, the second session is reminded, once.
        reminders.remindComingSessions();
        assertThat(TestMail.inbox(email(guardian))).filteredOn(m -> m.subject().startsWith("Yarın")).hasSize(1);
        assertThat(reminderEmails(guardian)).isEqualTo(1);
        clock.advance(Duration.ofDays(7));
        reminders.remindComingSessions();
        reminders.remindComingSessions();
        awaitReminders(guardian, 2);
        assertThat(reminderEmails(guardian)).isEqualTo(2);
        assertThat(reminderInboxItems(guardian)).isEqualTo(2);
        assertThat(TestMail.inbox(email(cancelled))).noneMatch(m -> m.subject().startsWith("Yarın"));
    }

    @Test
    void shouldNotRemindOfACancelledWorkshop() {
        clock.advanceToNextIzmirTime(LocalTime.of(10, 0));
        var learner = person("Deniz Kaya");
        var session = clock.instant().plus(Duration.ofHours(20));
        var workshopId = workshop("Seramik", session);
        var enrolmentId = enrolment(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, learner, Map.of("personId", learner, "targetGroup", "ADULTS"));
        var cancelledEvent = EventContracts.publish(WorkshopEvents.WORKSHOP_CANCELLED, workshopId, Map.of("workshopId", workshopId,
                "title", "Seramik", "educatorPersonId", "x", "cancelledBy", "x", "reason", "Hasta", "enrolmentId", enrolmentId,
                "enrolleeId", learner, "personId", learner, "targetGroup", "ADULTS"));
        await().until(() -> mongo.getCollection("processed_events").countDocuments(new Document("eventId", cancelledEvent)) > 0);

        reminders.remindComingSessions();

        assertThat(mongo.getCollection("deliveries").countDocuments(new Document("eventType", SessionReminders.EVENT_TYPE)
                .append("personId", learner))).isZero();
    }

    private String person(String fullName) {
        var id = UUID.randomUUID().toString();
        awaitApplied(EventContracts.publish(MembershipEvents.PERSON_REGISTERED, id, Map.of("personId", id, "email", email(id),
                "fullName", fullName)));
        return id;
    }

    private String child(String guardian, String fullName) {
        var id = UUID.randomUUID().toString();
        awaitApplied(EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, guardian, Map.of("dependantId", id, "guardianId", guardian,
                "fullName", fullName)));
        return id;
    }

    private String workshop(String title, Instant... starts) {
        var id = UUID.randomUUID().toString();
        var sessions = new ArrayList<Map<String, String>>();
        for (int i = 0; i < starts.length; i++) {
            var start = starts[i].atZone(ISTANBUL).toOffsetDateTime();
            sessions.add(Map.of("sessionId", "s" + (i + 1), "start", start.toString(), "end", start.plusHours(2).toString()));
        }
        EventContracts.publishJson(WorkshopEvents.WORKSHOP_PUBLISHED, id, EventContracts.sample(WorkshopEvents.WORKSHOP_PUBLISHED, "default",
                Map.of("workshopId", id, "educatorPersonId", "x", "title", title, "targetGroup", "CHILDREN"), Map.of("sessions", sessions)));
        return id;
    }

    private String enrolment(coop.izek.events.EventType<?> type, String workshopId, String enrollee, Map<String, String> participant) {
        var enrolmentId = UUID.randomUUID().toString();
        var values = new java.util.HashMap<>(participant);
        values.putAll(Map.of("workshopId", workshopId, "enrolmentId", enrolmentId, "enrolleeId", enrollee));
        EventContracts.publish(type, workshopId, values);
        return enrolmentId;
    }

    private void cancel(String workshopId, String enrolmentId, String enrollee) {
        EventContracts.publish(WorkshopEvents.ENROLMENT_CANCELLED, workshopId, Map.of("workshopId", workshopId, "enrolmentId", enrolmentId,
                "enrolleeId", enrollee, "personId", enrollee, "targetGroup", "ADULTS", "previousStatus", "CONFIRMED",
                "cancelledBy", enrollee, "cause", "ENROLLEE"));
    }

    /** The four groups are known, the cancelled one as cancelled. */
    private void awaitTracked(String workshopId, String cancelledEnrolment) {
        await().until(() -> mongo.getCollection("reminder_enrolments").countDocuments(new Document("workshopId", workshopId)) == 4
                && mongo.getCollection("reminder_enrolments").countDocuments(new Document("_id", cancelledEnrolment).append("active", false)) == 1);
    }

    /** The directory knows whom it has to write to before anything is sent to them. */
    private void awaitApplied(String eventId) {
        await().until(() -> mongo.getCollection("processed_events").countDocuments(new Document("eventId", eventId)) > 0);
    }

    private static List<TestMail.Received> awaitReminders(String personId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox(email(personId)).stream()
                .filter(m -> m.subject().startsWith("Yarın")).toList(), mails -> mails.size() >= count);
    }

    /** In-app reminders as they were announced on the topic (notification-sent), one record per item delivered. */
    private long reminderInboxItems(String personId) {
        return sent.received().stream().filter(e -> e.type().endsWith("notification-sent.v1") && e.body().contains(personId)
                && e.body().contains("\"session-reminder\"") && e.body().contains("\"IN_APP\"")).count();
    }

    /** Counted at the SMTP server: what reached the person, not the delivery records (whose ids forbid doubles). */
    private static long reminderEmails(String personId) {
        return TestMail.inbox(email(personId)).stream().filter(m -> m.subject().startsWith("Yarın")).count();
    }

    private static String email(String personId) {
        return personId + "@izek.test";
    }

    private static void passTogether(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
