package coop.izek.project.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;

@IntegrationTest
class ProjectLifecycleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String cluster;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
    }

    @Test
    void shouldCreateProjectAsIdeaWithItsCoordinatorAndAnnounceBoth() {
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            var body = ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of("acronym", "learn-city-1"));
            var id = (String) fixtures.post(staff, "/api/projects", body).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");
            fixtures.get(staff, "/api/projects/{id}", id).expectStatus().isOk().expectBody()
                    .jsonPath("$.acronym").isEqualTo("LEARN-CITY-1")
                    .jsonPath("$.status").isEqualTo("IDEA")
                    .jsonPath("$.partners[0].organisationId").isEqualTo(ProjectFixtures.COOPERATIVE)
                    .jsonPath("$.partners[0].role").isEqualTo("COORDINATOR")
                    .jsonPath("$.partners[0].name").isEqualTo("İZEK İzmir Eğitim Kooperatifi")
                    .jsonPath("$.sdgs").isEqualTo(List.of(4, 10))
                    .jsonPath("$.learningCityFeatures[0]").isEqualTo("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES");

            var created = probe.await(e -> e.type().equals(ProjectEvents.PROJECT_CREATED.name()) && id.equals(e.subject()));
            assertThat(created.key()).isEqualTo(id);
            assertThat(created.body()).contains("\"acronym\":\"LEARN-CITY-1\"", "\"status\":\"IDEA\"");
            probe.await(e -> e.type().equals(ProjectEvents.PARTNER_ADDED.name()) && e.body().contains("\"role\":\"COORDINATOR\"")
                    && id.equals(e.subject()));
        }
    }

    @Test
    void shouldFollowTheLifecycleAndAnnounceEachStep() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            fixtures.moveTo(staff, id, "CLOSED");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().stream().filter(e -> id.equals(e.subject())
                        && e.type().equals(ProjectEvents.PROJECT_STATUS_CHANGED.name())).count() == 5);
            var steps = probe.received().stream().filter(e -> id.equals(e.subject())).map(EventProbe.ReceivedEvent::body).toList();
            assertThat(steps.getFirst()).contains("\"from\":\"IDEA\"", "\"to\":\"DRAFTING\"");
            assertThat(steps.getLast()).contains("\"from\":\"RUNNING\"", "\"to\":\"CLOSED\"");
        }
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.status").isEqualTo("CLOSED");
    }

    @Test
    void shouldRefuseIllegalTransitionNamingTheAllowedOnes() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        fixtures.post(staff, "/api/projects/{id}/transitions", Map.of("to", "GRANTED"), id)
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.allowed").isEqualTo(List.of("DRAFTING"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("IDEA", "GRANTED", "DRAFTING"));
        fixtures.moveTo(staff, id, "SUBMITTED");
        fixtures.post(staff, "/api/projects/{id}/transitions", Map.of("to", "RUNNING"), id)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.allowed").isEqualTo(List.of("GRANTED", "REJECTED"));
        fixtures.post(staff, "/api/projects/{id}/transitions", Map.of("to", "REJECTED"), id).expectStatus().isOk();
        fixtures.post(staff, "/api/projects/{id}/transitions", Map.of("to", "DRAFTING"), id)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.allowed").isEqualTo(List.of());
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.status").isEqualTo("REJECTED");
    }

    @Test
    void shouldRefuseSecondProjectWithTheSameAcronym() {
        var body = ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of());
        fixtures.post(staff, "/api/projects", body).expectStatus().isCreated();
        fixtures.post(staff, "/api/projects", body).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/acronym-taken");
    }

    @Test
    void shouldRefuseProjectOfUnknownCoordinatorOrCallOrWithBackwardDates() {
        fixtures.post(staff, "/api/projects", ProjectFixtures.project("nobody-knows", Map.of()))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-organisation");
        fixtures.post(staff, "/api/projects", ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of("callId", "no-such-call")))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-call");
        fixtures.post(staff, "/api/projects", ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of("startDate", "2028-01-01",
                        "endDate", "2027-01-01")))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/project-dates");
    }

    @Test
    void shouldLinkProjectToFundingCall() {
        var call = (String) fixtures.post(staff, "/api/projects/calls", Map.of("programme", "ERASMUS_PLUS",
                        "reference", "KA220-ADU-" + ProjectFixtures.acronym(), "title", "Cooperation partnerships in adult education",
                        "deadline", "2027-03-05", "maxBudget", Map.of("amount", "250000.00", "currency", "EUR")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        fixtures.get(staff, "/api/projects/calls/{id}", call).expectStatus().isOk().expectBody()
                .jsonPath("$.maxBudget.amount").isEqualTo("250000.00");
        var id = (String) fixtures.post(staff, "/api/projects", ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of("callId", call)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.callId").isEqualTo(call);
    }

    @Test
    void shouldKeepTheConsortiumToOneCoordinatorAndEachOrganisationOnce() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.post(staff, "/api/projects/{id}/partners", Map.of("organisationId", cluster, "role", "ASSOCIATED"), id)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/already-a-partner");
        var university = fixtures.organisation("Dokuz Eylül Üniversitesi", "TR", "UNIVERSITY");
        fixtures.post(staff, "/api/projects/{id}/partners", Map.of("organisationId", university, "role", "COORDINATOR"), id)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/coordinator-exists");
        fixtures.post(staff, "/api/projects/{id}/partners", Map.of("organisationId", "unknown-org", "role", "PARTNER"), id)
                .expectStatus().isEqualTo(422);
        fixtures.post(staff, "/api/projects/{id}/partners", Map.of("organisationId", university, "role", "ASSOCIATED"), id)
                .expectStatus().isCreated();
        fixtures.get(staff, "/api/projects/{id}", id).expectBody()
                .jsonPath("$.partners.length()").isEqualTo(3)
                .jsonPath("$.partners[1].country").isEqualTo("PL")
                .jsonPath("$.partners[2].role").isEqualTo("ASSOCIATED");
    }

    @Test
    void shouldAssignOnlyActiveEducatorsAndAnnounceIt() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", "not-a-member"), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/not-an-active-educator");
        var educator = fixtures.educator();
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", educator.id()), id).expectStatus().isCreated();
            var assigned = probe.await(e -> e.type().equals(ProjectEvents.EDUCATOR_ASSIGNED.name()) && id.equals(e.subject()));
            assertThat(assigned.body()).contains(educator.id());
        }
        fixtures.get(educator, "/api/projects/assigned-to-me").expectStatus().isOk().expectBody()
                .jsonPath("$[0].id").isEqualTo(id);
        fixtures.get(educator, "/api/projects/{id}", id).expectStatus().isForbidden();
    }

    @Test
    void shouldKeepMilestonesInTheirWorkPackage() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        fixtures.post(staff, "/api/projects/{id}/milestones", Map.of("code", "M1", "title", "Açılış toplantısı", "workPackage", "WP1",
                "dueDate", "2026-10-15"), id).expectStatus().isEqualTo(422);
        fixtures.workPackage(staff, id, 1, ProjectFixtures.COOPERATIVE);
        fixtures.post(staff, "/api/projects/{id}/milestones", Map.of("code", "m1", "title", "Açılış toplantısı", "workPackage", "WP1",
                "dueDate", "2026-10-15"), id).expectStatus().isCreated().expectBody().jsonPath("$.code").isEqualTo("M1");
        fixtures.post(staff, "/api/projects/{id}/milestones", Map.of("code", "M1", "title", "Again", "workPackage", "1",
                "dueDate", "2026-10-15"), id).expectStatus().isEqualTo(409);
        fixtures.post(staff, "/api/projects/{id}/milestones/M1/reached", Map.of("on", "2026-10-14"), id).expectStatus().isOk()
                .expectBody().jsonPath("$.achievedOn").isEqualTo("2026-10-14");
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.milestones[0].achievedOn").isEqualTo("2026-10-14");
    }
}
