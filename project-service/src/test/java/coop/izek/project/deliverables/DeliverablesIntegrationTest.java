package coop.izek.project.deliverables;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.events.ProjectEvents;
import coop.izek.events.Topics;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;

/**
 * Deliverables: the responsible partner drafts and submits its own; only the coordinator's staff approve or send
 * back (with a comment); staff move due dates.
 */
@IntegrationTest
class DeliverablesIntegrationTest {

    static final LocalDate DUE = LocalDate.of(2027, 6, 30);

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String cluster;
    String university;
    ProjectFixtures.Caller clusterClient;
    ProjectFixtures.Caller universityClient;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        university = fixtures.organisation("Ege Üniversitesi", "TR", "UNIVERSITY");
        clusterClient = fixtures.partner(cluster);
        universityClient = fixtures.partner(university);
    }

    private String project(String coordinator, String... partners) {
        var id = fixtures.project(staff, coordinator, partners);
        fixtures.workPackage(staff, id, 1, coordinator);
        fixtures.workPackage(staff, id, 2, coordinator);
        return id;
    }

    private void status(ProjectFixtures.Caller caller, String projectId, String code, String status, int expected) {
        fixtures.patch(caller, "/api/projects/{id}/deliverables/{code}", Map.of("status", status), projectId, code)
                .expectStatus().isEqualTo(expected);
    }

    @Test
    void shouldLetResponsiblePartnerSubmitAndCooperativeStaffApproveAnnouncingEachStep() {
        var id = project(ProjectFixtures.COOPERATIVE, cluster, university);
        fixtures.deliverable(staff, id, "D2.1", 2, DUE, cluster);
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            status(clusterClient, id, "D2.1", "DRAFT", 200);
            status(clusterClient, id, "D2.1", "SUBMITTED", 200);
            status(clusterClient, id, "D2.1", "APPROVED", 403);
            status(universityClient, id, "D2.1", "APPROVED", 403);
            status(staff, id, "D2.1", "APPROVED", 200);
            var approved = probe.await(e -> e.type().equals(ProjectEvents.DELIVERABLE_STATUS_CHANGED.name()) && id.equals(e.subject())
                    && e.body().contains("\"to\":\"APPROVED\""));
            assertThat(approved.body()).contains("\"code\":\"D2.1\"", "\"workPackage\":\"WP2\"", "\"from\":\"SUBMITTED\"",
                    "\"responsibleOrganisationId\":\"" + cluster + "\"");
            assertThat(probe.received().stream().filter(e -> id.equals(e.subject())
                    && e.type().equals(ProjectEvents.DELIVERABLE_STATUS_CHANGED.name()))).hasSize(3);
        }
        fixtures.get(clusterClient, "/api/projects/{id}/deliverables/D2.1", id).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("APPROVED")
                .jsonPath("$.history.length()").isEqualTo(3);
        status(staff, id, "D2.1", "DRAFT", 409);
    }

    @Test
    void shouldLetPartnerMoveOnlyItsOwnDeliverables() {
        var id = project(ProjectFixtures.COOPERATIVE, cluster, university);
        fixtures.deliverable(staff, id, "D1.1", 1, DUE, university);
        status(clusterClient, id, "D1.1", "DRAFT", 403);
        status(universityClient, id, "D1.1", "SUBMITTED", 409);
        status(universityClient, id, "D1.1", "DRAFT", 200);
        fixtures.patch(universityClient, "/api/projects/{id}/deliverables/{code}", Map.of("dueDate", "2027-12-31"), id, "D1.1")
                .expectStatus().isForbidden();
        fixtures.get(universityClient, "/api/projects/{id}/deliverables/D1.1", id).expectBody().jsonPath("$.dueDate").isEqualTo(DUE.toString());
    }

    @Test
    void shouldLetOnlyTheCoordinatingPartnerApproveWhenTheCooperativeDoesNotCoordinate() {
        var id = project(cluster, ProjectFixtures.COOPERATIVE, university);
        fixtures.deliverable(staff, id, "D2.2", 2, DUE, university);
        status(universityClient, id, "D2.2", "DRAFT", 200);
        status(universityClient, id, "D2.2", "SUBMITTED", 200);
        status(staff, id, "D2.2", "APPROVED", 403);
        status(clusterClient, id, "D2.2", "APPROVED", 200);
        // And a coordinator does not approve what it is responsible for itself.
        fixtures.deliverable(staff, id, "D1.1", 1, DUE, cluster);
        status(clusterClient, id, "D1.1", "DRAFT", 200);
        status(clusterClient, id, "D1.1", "SUBMITTED", 200);
        status(clusterClient, id, "D1.1", "APPROVED", 403);
    }

    @Test
    void shouldSendSubmittedDeliverableBackOnlyWithAComment() {
        var id = project(ProjectFixtures.COOPERATIVE, cluster);
        fixtures.deliverable(staff, id, "D2.3", 2, DUE, cluster);
        status(clusterClient, id, "D2.3", "DRAFT", 200);
        status(clusterClient, id, "D2.3", "SUBMITTED", 200);
        fixtures.patch(staff, "/api/projects/{id}/deliverables/{code}", Map.of("status", "DRAFT"), id, "D2.3")
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/comment-required");
        fixtures.patch(staff, "/api/projects/{id}/deliverables/{code}", Map.of("status", "DRAFT",
                        "comment", "Bölüm 3'te katılımcı sayıları eksik."), id, "D2.3")
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DRAFT")
                .jsonPath("$.history[2].comment").isEqualTo("Bölüm 3'te katılımcı sayıları eksik.");
        status(clusterClient, id, "D2.3", "SUBMITTED", 200);
    }

    @Test
    void shouldRefuseDeliverableOutsideItsWorkPackageOrConsortiumAndTwiceTheSameCode() {
        var id = project(ProjectFixtures.COOPERATIVE, cluster);
        fixtures.post(staff, "/api/projects/{id}/deliverables", Map.of("code", "D7.1", "title", "Rapor", "workPackage", "WP7",
                "dueDate", "2027-01-01", "responsibleOrganisationId", cluster), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-work-package");
        fixtures.post(staff, "/api/projects/{id}/deliverables", Map.of("code", "D2.1", "title", "Rapor", "workPackage", "2",
                "dueDate", "2027-01-01", "responsibleOrganisationId", university), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/not-a-partner");
        fixtures.deliverable(staff, id, "D2.1", 2, DUE, cluster);
        fixtures.post(staff, "/api/projects/{id}/deliverables", Map.of("code", "d2.1", "title", "Again", "workPackage", "2",
                "dueDate", "2027-01-01", "responsibleOrganisationId", cluster), id)
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/deliverable-exists");
        fixtures.post(clusterClient, "/api/projects/{id}/deliverables", Map.of("code", "D2.9", "title", "Mine", "workPackage", "2",
                "dueDate", "2027-01-01", "responsibleOrganisationId", cluster), id).expectStatus().isForbidden();
        fixtures.get(clusterClient, "/api/projects/{id}/deliverables", id).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1);
        fixtures.get(clusterClient, "/api/projects/{id}/deliverables/D9.9", id).expectStatus().isNotFound();
    }
}
