package coop.izek.project.mobilities;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.IntegrationTest;

/** Trainings and exchanges: partners report those they send or receive; names are the organiser's to see. */
@IntegrationTest
class MobilitiesIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String cluster;
    String university;
    String projectId;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        university = fixtures.organisation("Dokuz Eylül Üniversitesi", "TR", "UNIVERSITY");
        projectId = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster, university);
        fixtures.workPackage(staff, projectId, 1, ProjectFixtures.COOPERATIVE);
        fixtures.workPackage(staff, projectId, 3, cluster);
    }

    static Map<String, Object> mobility(String sending, String receiving, Map<String, Object> overrides) {
        var body = new HashMap<String, Object>(Map.of("type", "JOB_SHADOWING", "title", "Job shadowing in Kraków schools",
                "workPackage", "WP3", "sendingOrganisationId", sending, "receivingOrganisationId", receiving, "country", "PL",
                "startDate", "2027-04-12", "endDate", "2027-04-16", "participants", Map.of("EDUCATORS", 6)));
        body.put("participantNames", List.of("Ayşe Yılmaz", "Mehmet Öztürk"));
        body.putAll(overrides);
        return body;
    }

    @Test
    void shouldLetPartnerReportMobilityItReceivesAndShowNamesOnlyToOrganiser() {
        var clusterClient = fixtures.partner(cluster);
        var universityClient = fixtures.partner(university);
        var id = (String) fixtures.post(clusterClient, "/api/projects/{id}/mobilities",
                        mobility(ProjectFixtures.COOPERATIVE, cluster, Map.of()), projectId)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        fixtures.get(clusterClient, "/api/projects/{id}/mobilities", projectId).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].participantNames[0]").isEqualTo(List.of("Ayşe Yılmaz"))
                .jsonPath("$[?(@.id == '" + id + "')].organiserOrganisationId").isEqualTo(List.of(cluster))
                .jsonPath("$[?(@.id == '" + id + "')].participantCount").isEqualTo(List.of(6));
        fixtures.get(universityClient, "/api/projects/{id}/mobilities", projectId).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].participants.EDUCATORS").isEqualTo(List.of(6))
                .jsonPath("$[?(@.id == '" + id + "')].participantNames").isEqualTo(java.util.Collections.singletonList(null));
        fixtures.get(staff, "/api/projects/{id}/mobilities", projectId).expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].participantNames[1]").isEqualTo(List.of("Mehmet Öztürk"));
    }

    @Test
    void shouldRefusePartnerReportingMobilityOfOthersAndOutsiders() {
        var universityClient = fixtures.partner(university);
        fixtures.post(universityClient, "/api/projects/{id}/mobilities", mobility(ProjectFixtures.COOPERATIVE, cluster, Map.of()), projectId)
                .expectStatus().isForbidden();
        var outsider = fixtures.partner(fixtures.organisation("Gdańsk Szkoła", "PL", "SCHOOL"));
        fixtures.post(outsider, "/api/projects/{id}/mobilities", mobility(ProjectFixtures.COOPERATIVE, cluster, Map.of()), projectId)
                .expectStatus().isNotFound();
        fixtures.get(outsider, "/api/projects/{id}/mobilities", projectId).expectStatus().isNotFound();
    }

    @Test
    void shouldCountRealisedMobilitiesOnceInTheIndicators() {
        var yesterday = LocalDate.now(ZoneId.of("Europe/Istanbul")).minusDays(1);
        var planned = (String) fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(ProjectFixtures.COOPERATIVE, cluster,
                        Map.of("startDate", yesterday.minusDays(4).toString(), "endDate", yesterday.toString())), projectId)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(cluster, ProjectFixtures.COOPERATIVE, Map.of("type", "EXCHANGE",
                "status", "REALISED", "startDate", "2026-05-04", "endDate", "2026-05-10", "participants", Map.of("YOUTH", 12, "EDUCATORS", 2))),
                projectId).expectStatus().isCreated();
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(cluster, ProjectFixtures.COOPERATIVE, Map.of("status", "REALISED",
                "startDate", "2030-05-04", "endDate", "2030-05-10")), projectId)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/not-over-yet");
        fixtures.get(staff, "/api/projects/{id}/indicators", projectId).expectStatus().isOk().expectBody()
                .jsonPath("$.mobilities").isEqualTo(1)
                .jsonPath("$.mobilityParticipants").isEqualTo(14)
                .jsonPath("$.mobilitiesPlanned").isEqualTo(1);

        fixtures.post(fixtures.partner(cluster), "/api/projects/{id}/mobilities/{m}/realised", Map.of("participants", Map.of("EDUCATORS", 5)),
                projectId, planned).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REALISED");
        fixtures.post(staff, "/api/projects/{id}/mobilities/{m}/realised", Map.of(), projectId, planned).expectStatus().isEqualTo(409);
        fixtures.get(staff, "/api/projects/{id}/indicators", projectId).expectBody()
                .jsonPath("$.mobilities").isEqualTo(2)
                .jsonPath("$.mobilityParticipants").isEqualTo(19)
                .jsonPath("$.mobilitiesPlanned").isEqualTo(0);
    }

    @Test
    void shouldRefuseMobilityWithUnknownWorkPackageOrOrganisationsOutsideTheConsortium() {
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(ProjectFixtures.COOPERATIVE, cluster, Map.of("workPackage", "WP2")),
                projectId).expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-work-package");
        var outsiderA = fixtures.organisation("Berlin Volkshochschule", "DE", "SCHOOL");
        var outsiderB = fixtures.organisation("Wien Bildung", "AT", "NGO");
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(outsiderA, outsiderB, Map.of()), projectId)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/not-a-partner");
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(cluster, cluster, Map.of()), projectId)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/same-organisation");
        fixtures.post(staff, "/api/projects/{id}/mobilities", mobility(ProjectFixtures.COOPERATIVE, cluster,
                Map.of("startDate", "2027-04-16", "endDate", "2027-04-12")), projectId).expectStatus().isEqualTo(422);
    }
}
