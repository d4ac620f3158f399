package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.jayway.jsonpath.JsonPath;

import coop.izek.events.MembershipEvents;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestClock;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

@IntegrationTest
class ErasureIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Person educator;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        educator = fixtures.member("EDUCATOR");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldAnonymiseEnrolmentsAndKeepEveryCountWhenAPersonIsErased() {
        var workshopId = fixtures.published(educator, Map.of("sessions", CompletionIntegrationTest.sessions(1)));
        var parent = fixtures.person("Elif Şahin");
        var child = fixtures.child(parent, 9, "Ege Şahin");
        var other = fixtures.person("Cem Öz");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.self(), Fixtures.dependant(child))).expectStatus().isCreated();
        fixtures.enrol(other, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        clock.advance(Duration.ofDays(20));
        var session = (String) JsonPath.read(roster(workshopId), "$.sessions[0].sessionId");
        fixtures.put(educator, "/api/workshops/{id}/sessions/{session}/attendance", Map.of("present", List.of(child, other.id())),
                workshopId, session).expectStatus().isOk();
        fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectBody().jsonPath("$.certificatesIssued").isEqualTo(2);
        var childCertificate = mongo.findById(workshopId, Workshop.class).certificates.stream()
                .filter(c -> c.participantId().equals(child)).findFirst().orElseThrow().code();

        var erasure = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) {
            EventContracts.publishWithId(MembershipEvents.PERSON_ERASED, "default", erasure, parent.id(),
                    Map.of("personId", parent.id(), "dependantId", child));
        }
        await().until(() -> processed.isApplied("workshop.directory", erasure));

        var workshop = mongo.findById(workshopId, Workshop.class);
        assertThat(workshop.toString() + workshop.enrolments + workshop.participantKeys + workshop.attendance + workshop.certificates)
                .doesNotContain(parent.id()).doesNotContain(child);
        assertThat(workshop.enrolments).hasSize(2);
        assertThat(workshop.participantsById()).hasSize(3);
        assertThat(workshop.attendance.get(session)).hasSize(2).contains(other.id());
        // The erased person's token is refused from the erasure on; nothing of theirs is found under their id either.
        await().untilAsserted(() -> fixtures.get(parent, "/api/workshops/enrolments/mine").expectStatus().isUnauthorized());
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("enrolments.enrolleeId").is(parent.id())), Workshop.class)).isZero();
        fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectBody()
                .jsonPath("$.participants.length()").isEqualTo(3)
                .jsonPath("$.participants[?(@.name == 'Cem Öz')]").exists()
                .jsonPath("$.participants[?(@.name == 'Elif Şahin' || @.name == 'Ege Şahin')]").doesNotExist();
        // The certificate stays verifiable; it no longer says whose it was.
        fixtures.get(null, "/api/certificates/{code}", childCertificate).expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.holderInitials").doesNotExist();
    }

    /**
     * Events about a person come on two partitions (the child's addition was keyed by the child once) and may be
     * replayed: a child's addition or a person's registration arriving after the erasure must not write their name
     * or birth date again.
     */
    @Test
    void shouldNeverWritePersonalDataAgainForSomeoneErasedWhenTheirEventsArriveLate() {
        var parentId = UUID.randomUUID().toString();
        var childId = UUID.randomUUID().toString();
        var erased = EventContracts.publish(MembershipEvents.PERSON_ERASED, parentId, Map.of("personId", parentId, "dependantId", childId));
        await().until(() -> processed.isApplied("workshop.directory", erased));

        var lateChild = EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, childId, Map.of("dependantId", childId,
                "guardianId", parentId, "fullName", "Geç Gelen Çocuk", "birthDate", "2016-02-02"));
        var lateSibling = UUID.randomUUID().toString();
        var lateSiblingEvent = EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, parentId, Map.of("dependantId", lateSibling,
                "guardianId", parentId, "fullName", "Geç Kardeş", "birthDate", "2019-03-03"));
        var lateParent = EventContracts.publish(MembershipEvents.PERSON_REGISTERED, parentId, Map.of("personId", parentId,
                "email", parentId + "@izek.test", "fullName", "Geç Gelen Veli"));
        await().until(() -> processed.isApplied("workshop.directory", lateChild) && processed.isApplied("workshop.directory", lateParent)
                && processed.isApplied("workshop.directory", lateSiblingEvent));

        assertThat(directory.dependant(childId)).isEmpty();
        assertThat(directory.dependant(lateSibling)).isEmpty();
        assertThat(directory.fullName(parentId)).isEmpty();
        var stored = new java.util.ArrayList<org.bson.Document>();
        for (var collection : List.of("directory_people", "directory_dependants")) {
            mongo.getCollection(collection).find(new org.bson.Document("_id", new org.bson.Document("$in",
                    List.of(parentId, childId, lateSibling)))).into(stored);
        }
        assertThat(stored.toString()).doesNotContain("Geç").doesNotContain("2016-02-02").doesNotContain("2019-03-03");
    }

    private String roster(String workshopId) {
        return fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectBody(String.class).returnResult().getResponseBody();
    }
}
