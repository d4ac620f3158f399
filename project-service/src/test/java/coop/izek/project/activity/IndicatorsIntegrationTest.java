package coop.izek.project.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.MembershipEvents;
import coop.izek.events.WorkshopEvents;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;

/**
 * A project's indicators come from the workshop events workshop-service really publishes (their contract samples),
 * and stay the same however often those events arrive: redelivered, replayed after their processing records expired,
 * or out of order. An erasure leaves the counts as they were.
 */
@IntegrationTest
class IndicatorsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ParticipantKeys keys;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String projectId;
    final List<EventContracts.Sent> sent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        projectId = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
    }

    private EventContracts.Sent send(EventContracts.Sent event) {
        sent.add(event);
        return event;
    }

    private void published(String workshopId, String project) {
        var values = new HashMap<>(Map.of("workshopId", workshopId, "educatorPersonId", "educator-1", "sessionId", "s-1",
                "start", "2027-03-01T10:00:00+03:00", "end", "2027-03-01T12:00:00+03:00"));
        if (project != null) {
            values.put("projectId", project);
        }
        send(EventContracts.send(WorkshopEvents.WORKSHOP_PUBLISHED, "default", workshopId, values));
    }

    private static Map<String, String> adult(String personId) {
        return Map.of("personId", personId, "targetGroup", "ADULTS");
    }

    private void confirmed(String workshopId, String enrolmentId, String enrollee, String seatType, List<Map<String, String>> participants) {
        send(EventContracts.sendJson(WorkshopEvents.ENROLMENT_CONFIRMED, workshopId, EventContracts.sample(WorkshopEvents.ENROLMENT_CONFIRMED,
                "default", Map.of("workshopId", workshopId, "enrolmentId", enrolmentId, "enrolleeId", enrollee, "seatType", seatType),
                Map.of("participants", participants))));
    }

    private void attendance(String workshopId, String sessionId, String hours, List<Map<String, String>> present) {
        send(EventContracts.sendJson(WorkshopEvents.ATTENDANCE_RECORDED, workshopId, EventContracts.sample(WorkshopEvents.ATTENDANCE_RECORDED,
                "default", Map.of("workshopId", workshopId, "sessionId", sessionId, "sessionStart", "2027-03-01T10:00:00+03:00",
                        "hours", hours, "projectId", projectId), Map.of("present", present))));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> indicators() {
        return fixtures.get(staff, "/api/projects/{id}/indicators", projectId).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    private void awaitReached(int participants) {
        await().atMost(Duration.ofSeconds(30)).until(() -> indicators().get("participantsReached").equals(participants));
    }

    @Test
    void shouldCountIndicatorsFromWorkshopEventsOnceHoweverOftenTheyArrive() {
        var w1 = UUID.randomUUID().toString();
        var w2 = UUID.randomUUID().toString();
        var unfunded = UUID.randomUUID().toString();
        var ayse = UUID.randomUUID().toString();
        var guardian = UUID.randomUUID().toString();
        var child = UUID.randomUUID().toString();
        var leaver = UUID.randomUUID().toString();
        published(w1, projectId);
        published(w2, projectId);
        published(unfunded, null);
        confirmed(w1, "e-" + w1 + "-1", ayse, "STANDARD", List.of(adult(ayse)));
        confirmed(w1, "e-" + w1 + "-2", guardian, "SOLIDARITY", List.of(Map.of("dependantId", child, "targetGroup", "CHILDREN"),
                Map.of("personId", guardian, "targetGroup", "PARENTS")));
        // The same person in the project's other workshop is still one person reached.
        confirmed(w2, "e-" + w2 + "-1", ayse, "STANDARD", List.of(adult(ayse)));
        confirmed(unfunded, "e-" + unfunded, leaver, "STANDARD", List.of(adult(leaver)));
        var leaverConfirmed = send(EventContracts.sendJson(WorkshopEvents.ENROLMENT_CONFIRMED, w2, EventContracts.sample(
                WorkshopEvents.ENROLMENT_CONFIRMED, "default", Map.of("workshopId", w2, "enrolmentId", "e-" + w2 + "-2",
                        "enrolleeId", leaver, "seatType", "STANDARD"), Map.of("participants", List.of(adult(leaver))))));
        send(EventContracts.send(WorkshopEvents.ENROLMENT_CANCELLED, "default", w2, Map.of("workshopId", w2, "enrolmentId", "e-" + w2 + "-2",
                "enrolleeId", leaver, "personId", leaver, "targetGroup", "ADULTS", "previousStatus", "CONFIRMED", "cancelledBy", leaver,
                "cause", "ENROLLEE")));
        attendance(w1, "s-1", "2.00", List.of(adult(ayse)));
        // Recorded again: it replaces the first record of the session.
        attendance(w1, "s-1", "2.00", List.of(adult(ayse), Map.of("dependantId", child, "targetGroup", "CHILDREN"),
                Map.of("personId", guardian, "targetGroup", "PARENTS")));
        attendance(w1, "s-2", "1.50", List.of(adult(ayse)));
        send(EventContracts.sendJson(WorkshopEvents.WORKSHOP_COMPLETED, w1, EventContracts.sample(WorkshopEvents.WORKSHOP_COMPLETED, "default",
                Map.of("workshopId", w1, "educatorPersonId", "educator-1", "projectId", projectId, "completedAt", "2027-03-08T12:00:00+03:00"),
                Map.of("participants", List.of(Map.of("personId", ayse, "targetGroup", "ADULTS", "enrolleeId", ayse))))));

        await().atMost(Duration.ofSeconds(30)).until(() -> indicators().get("attendanceHours").equals(7.5)
                && indicators().get("workshopsDelivered").equals(1));
        Map<String, Object> expected = Map.of("workshopsDelivered", 1, "participantsReached", 3, "solidarityParticipants", 2, "attendanceHours", 7.5,
                "byTargetGroup", Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1));
        assertThat(indicators()).containsAllEntriesOf(expected);

        // Redelivered: every event once more, then markers that all before them were handled.
        sent.forEach(EventContracts.Sent::redeliver);
        markers(w1, w2);
        awaitReached(5);
        assertThat(indicators()).containsAllEntriesOf(Map.<String, Object>of("workshopsDelivered", 1, "solidarityParticipants", 2,
                "attendanceHours", 7.5, "byTargetGroup", Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1, "YOUTH", 2)));

        // Replayed after the records of what was processed expired: the documents' own keys and times hold.
        forgetWhatWasProcessed();
        sent.forEach(EventContracts.Sent::redeliver);
        markers(w1, w2);
        awaitReached(7);
        assertThat(indicators()).containsAllEntriesOf(Map.<String, Object>of("workshopsDelivered", 1, "solidarityParticipants", 2,
                "attendanceHours", 7.5, "byTargetGroup", Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1, "YOUTH", 4)));
        // Late and alone, after its cancellation: the place stays cancelled.
        forgetWhatWasProcessed();
        leaverConfirmed.redeliver();
        markers(w2);
        awaitReached(8);
        assertThat(indicators()).containsAllEntriesOf(Map.<String, Object>of("byTargetGroup",
                Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1, "YOUTH", 5)));

        // Erased: the family no longer appears as itself, and the counts stay.
        EventContracts.publish(MembershipEvents.PERSON_ERASED, guardian, Map.of("personId", guardian, "dependantId", child));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("activity_places")
                .countDocuments(new Document("key", keys.ofDependant(child))) == 0
                && mongo.getCollection("activity_places").countDocuments(new Document("key", keys.ofPerson(guardian))) == 0);
        assertThat(indicators()).containsAllEntriesOf(Map.<String, Object>of("participantsReached", 8, "solidarityParticipants", 2,
                "byTargetGroup", Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1, "YOUTH", 5)));
        // A replay of their enrolment after the erasure finds its places and counts nobody new.
        forgetWhatWasProcessed();
        sent.get(4).redeliver();
        markers(w1);
        awaitReached(9);
        assertThat(indicators()).containsAllEntriesOf(Map.<String, Object>of("solidarityParticipants", 2,
                "byTargetGroup", Map.of("ADULTS", 1, "CHILDREN", 1, "PARENTS", 1, "YOUTH", 6)));
        assertThat(mongo.getCollection("activity_places").countDocuments(new Document("key", keys.ofPerson(guardian)))).isZero();
    }

    /** As if the records of what was processed had expired (they are kept 14 days; the topic keeps events 30). */
    private void forgetWhatWasProcessed() {
        mongo.getCollection(ProcessedEvents.COLLECTION).deleteMany(new Document("consumer", "project.activity"));
    }

    /**
     * A new youth enrolment in each workshop, each after the events sent before it about that workshop (the same
     * partition): once they count, those events were handled.
     */
    private static void markers(String... workshops) {
        for (var workshop : workshops) {
            var marker = UUID.randomUUID().toString();
            EventContracts.send(WorkshopEvents.ENROLMENT_CONFIRMED, "default", workshop, Map.of("workshopId", workshop,
                    "enrolmentId", "e-marker-" + marker, "enrolleeId", marker, "personId", marker, "targetGroup", "YOUTH",
                    "seatType", "STANDARD"));
        }
    }

    @Test
    void shouldCountNothingOfACancelledWorkshop() {
        var workshop = UUID.randomUUID().toString();
        var person = UUID.randomUUID().toString();
        published(workshop, projectId);
        confirmed(workshop, "e-" + workshop, person, "STANDARD", List.of(adult(person)));
        awaitReached(1);
        EventContracts.send(WorkshopEvents.WORKSHOP_CANCELLED, "default", workshop, Map.of("workshopId", workshop, "educatorPersonId", "e-1",
                "cancelledBy", "e-1", "projectId", projectId, "enrolmentId", "e-" + workshop, "enrolleeId", person, "personId", person,
                "targetGroup", "ADULTS", "previousStatus", "CONFIRMED", "firstStart", OffsetDateTime.now().plusDays(3).toString()));
        awaitReached(0);
        assertThat(indicators().get("workshopsDelivered")).isEqualTo(0);
    }
}
