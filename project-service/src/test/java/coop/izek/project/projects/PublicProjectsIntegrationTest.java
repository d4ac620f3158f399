package coop.izek.project.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.IntegrationTest;

/** What anyone may read of projects: granted ones only, without budgets, deliverables or people. */
@IntegrationTest
class PublicProjectsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowGrantedProjectsToAnyoneAndApplicationsInTheMakingToNobody() {
        var cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        var running = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.moveTo(staff, running, "RUNNING");
        fixtures.workPackage(staff, running, 1, ProjectFixtures.COOPERATIVE);
        var drafting = fixtures.project(staff, ProjectFixtures.COOPERATIVE);
        fixtures.moveTo(staff, drafting, "DRAFTING");

        var list = fixtures.client().get().uri("/api/projects/public?size=100").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        var ids = ((List<Map<String, Object>>) list.get("items")).stream().map(p -> p.get("id")).toList();
        assertThat(ids).contains(running).doesNotContain(drafting);

        var shown = fixtures.client().get().uri("/api/projects/public/{id}", running).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(shown.get("status")).isEqualTo("RUNNING");
        assertThat((List<Map<String, Object>>) shown.get("partners")).extracting(p -> p.get("name"))
                .contains("GLOKAL Klaster Edukacyjny");
        assertThat(shown).doesNotContainKeys("workPackages", "educators", "budget", "callId", "coordinatorOrganisationId");
        fixtures.client().get().uri("/api/projects/public/{id}/indicators", running).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.participantsReached").isEqualTo(0);

        // An application in the making is no one's business: the same 404 as a project that does not exist.
        for (var path : List.of("/api/projects/public/{id}", "/api/projects/public/{id}/indicators")) {
            var hidden = fixtures.client().get().uri(path, drafting).exchange().expectStatus().isNotFound()
                    .expectBody(String.class).returnResult().getResponseBody();
            var unknown = fixtures.client().get().uri(path, "no-such-project").exchange().expectStatus().isNotFound()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(hidden.replace(drafting, "ID")).isEqualTo(unknown.replace("no-such-project", "ID"));
        }
    }

    @Test
    void shouldPublishTheLearningCityReportAndStillRefuseItsStaffAddressToOthers() {
        fixtures.client().get().uri("/api/projects/public/learning-city?city=İzmir&year=2027").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.city").isEqualTo("İzmir").jsonPath("$.year").isEqualTo(2027);
        fixtures.client().get().uri("/api/projects/public/learning-city?city=İzmir&year=soon").exchange().expectStatus().isBadRequest();
        fixtures.client().get().uri("/api/projects/reports/learning-city?city=İzmir&year=2027").exchange().expectStatus().isUnauthorized();
    }
}
