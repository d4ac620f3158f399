package coop.izek.workshop.workshops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.MembershipEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestClock;
import coop.izek.workshop.Fixtures;
import coop.izek.workshop.Fixtures.Person;
import coop.izek.workshop.directory.Directory;

/** Who may run a workshop: its educator while an ACTIVE educator member, and staff; nobody else sees its participants. */
@IntegrationTest
class EducatorStandingIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    @Autowired
    TestClock clock;

    Fixtures fixtures;
    Person staff;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(port, directory);
        staff = fixtures.staff();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldTakeAwayASuspendedEducatorsWorkshopsAndChildrensNamesUntilStaffHandThemOn() {
        var educator = fixtures.member("EDUCATOR");
        var workshopId = fixtures.published(educator, Map.of("sessions", CompletionIntegrationTest.sessions(1)));
        var parent = fixtures.person("Selin Aksoy");
        fixtures.enrol(parent, workshopId, List.of(Fixtures.dependant(fixtures.child(parent, 9, "Efe Aksoy")))).expectStatus().isCreated();
        var draft = Fixtures.idOf(fixtures.create(educator, Fixtures.workshop(Map.of())).expectStatus().isCreated());
        fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectStatus().isOk();

        changeStanding(educator, "SUSPENDED");

        fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectStatus().isForbidden();
        fixtures.post(educator, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isForbidden();
        fixtures.post(educator, "/api/workshops/{id}/cancel", Map.of("reason", "x"), workshopId).expectStatus().isForbidden();
        fixtures.post(educator, "/api/workshops/{id}/publish", null, draft).expectStatus().isForbidden();
        fixtures.get(staff, "/api/workshops/needing-educator?size=100").expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.id == '" + workshopId + "')]").exists()
                .jsonPath("$.items[?(@.id == '" + draft + "')]").exists();
        fixtures.get(educator, "/api/workshops/needing-educator").expectStatus().isForbidden();

        var successor = fixtures.member("EDUCATOR");
        fixtures.post(educator, "/api/workshops/{id}/educator", Map.of("educatorPersonId", educator.id()), workshopId)
                .expectStatus().isForbidden();
        fixtures.post(staff, "/api/workshops/{id}/educator", Map.of("educatorPersonId", parent.id()), workshopId)
                .expectStatus().isEqualTo(422);
        fixtures.post(staff, "/api/workshops/{id}/educator", Map.of("educatorPersonId", successor.id()), workshopId)
                .expectStatus().isOk().expectBody().jsonPath("$.educatorPersonId").isEqualTo(successor.id());

        fixtures.get(successor, "/api/workshops/{id}/roster", workshopId).expectStatus().isOk().expectBody()
                .jsonPath("$.participants[0].name").isEqualTo("Efe Aksoy");
        changeStanding(educator, "ACTIVE");
        fixtures.get(educator, "/api/workshops/{id}/roster", workshopId).expectStatus().isForbidden();
        fixtures.get(staff, "/api/workshops/needing-educator?size=100").expectBody()
                .jsonPath("$.items[?(@.id == '" + workshopId + "')]").doesNotExist();
    }

    @Test
    void shouldKeepOtherEducatorsAndLearnersAwayFromAWorkshopsRegister() {
        var educator = fixtures.member("EDUCATOR");
        var other = fixtures.member("EDUCATOR");
        var learner = fixtures.person("Kaan Demir");
        var workshopId = fixtures.published(educator, Fixtures.forAdults(Map.of("sessions", CompletionIntegrationTest.sessions(1))));
        fixtures.enrol(learner, workshopId, List.of(Fixtures.self())).expectStatus().isCreated();
        clock.advance(Duration.ofDays(20));

        for (var outsider : List.of(other, learner)) {
            fixtures.get(outsider, "/api/workshops/{id}/roster", workshopId).expectStatus().isForbidden();
            var session = (String) com.jayway.jsonpath.JsonPath.read(fixtures.get(educator, "/api/workshops/{id}/roster", workshopId)
                    .expectBody(String.class).returnResult().getResponseBody(), "$.sessions[0].sessionId");
            fixtures.put(outsider, "/api/workshops/{id}/sessions/{session}/attendance", Map.of("present", List.of(learner.id())),
                    workshopId, session).expectStatus().isForbidden();
            fixtures.post(outsider, "/api/workshops/{id}/complete", null, workshopId).expectStatus().isForbidden();
        }
        fixtures.get(null, "/api/workshops/{id}/roster", workshopId).expectStatus().isUnauthorized();
    }

    private void changeStanding(Person educator, String to) {
        var member = directory.member(educator.id()).orElseThrow();
        EventContracts.publish(MembershipEvents.MEMBER_STATUS_CHANGED, member.memberId(), Map.of("memberId", member.memberId(),
                "personId", educator.id(), "memberType", "EDUCATOR", "from", member.status(), "to", to));
        await().until(() -> directory.member(educator.id()).filter(m -> m.status().equals(to)).isPresent());
    }
}
