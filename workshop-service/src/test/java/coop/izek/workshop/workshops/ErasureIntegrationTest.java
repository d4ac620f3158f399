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
import coop.izek.events.Topics;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventSender;
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
        try (var sender = EventSender.create()) {
            for (int delivery = 0; delivery < 2; delivery++) {
                sender.sendWithId(Topics.MEMBERSHIP, erasure, MembershipEvents.PERSON_ERASED.name(), parent.id(),
                        "{\"personId\":\"" + parent.id() + "\",\"dependantIds\":[\"" + child + "\"]}");
            }
        }
        await().until(() -> processed.isApplied("workshop.directory", erasure));

        var workshop = mongo.findById(workshopId, Workshop.class);
        assertThat(workshop.toString() + workshop.enrolments + workshop.participantKeys + workshop.attendance + workshop.certificates)
                .doesNotContain(parent.id()).doesNotContain(child);
        assertThat(workshop.enrolments).hasSize(2);
        assertThat(workshop.participantsById()).hasSize(3);
        assertThat(workshop.attendance.get(session)).hasSize(2).contains(other.id());
        fixtures.get(parent, "/api/workshops/enrolments/mine").expectBody().jsonPath("$.total").isEqualTo(0);
        fixtures.get(parent, "/api/learning-record/me").expectBody().jsonPath("$.entries.length()").isEqualTo(0);
        fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectBody()
                .jsonPath("$.participants.length()").isEqualTo(3)
                .jsonPath("$.participants[?(@.name == 'Cem Öz')]").exists()
                .jsonPath("$.participants[?(@.name == 'Elif Şahin' || @.name == 'Ege Şahin')]").doesNotExist();
        // The certificate stays verifiable; it no longer says whose it was.
        fixtures.get(null, "/api/certificates/{code}", childCertificate).expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.holderInitials").doesNotExist();
    }

    private String roster(String workshopId) {
        return fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectBody(String.class).returnResult().getResponseBody();
    }
}
