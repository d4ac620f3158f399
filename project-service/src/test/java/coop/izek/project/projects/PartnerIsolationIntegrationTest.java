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

/** A partner organisation sees only the projects it is in; any other does not exist for it, whatever it asks. */
@IntegrationTest
class PartnerIsolationIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    ProjectFixtures.Caller partner;
    /** A person who works for the same organisation sees what its API client sees. */
    ProjectFixtures.Caller partnerStaff;
    String ours;
    String theirs;
    String theirsAcronym;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        var cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        var other = fixtures.organisation("Bornova Belediyesi", "TR", "MUNICIPALITY");
        partner = fixtures.partner(cluster);
        partnerStaff = fixtures.partnerStaff(cluster);
        ours = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        theirs = fixtures.project(staff, ProjectFixtures.COOPERATIVE, other);
        for (var id : List.of(ours, theirs)) {
            fixtures.workPackage(staff, id, 1, ProjectFixtures.COOPERATIVE);
            fixtures.deliverable(staff, id, "D1.1", 1, java.time.LocalDate.of(2027, 3, 1), ProjectFixtures.COOPERATIVE);
        }
        theirsAcronym = (String) fixtures.get(staff, "/api/projects/{id}", theirs).expectBody(Map.class).returnResult().getResponseBody()
                .get("acronym");
    }

    @Test
    void shouldListAndSearchOnlyThePartnersOwnProjects() {
        for (var caller : List.of(partner, partnerStaff)) {
            listAndSearchAs(caller);
        }
    }

    @SuppressWarnings("unchecked")
    private void listAndSearchAs(ProjectFixtures.Caller partner) {
        fixtures.get(partner, "/api/projects?size=100").expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").value(ids -> assertThat((List<Object>) ids).contains(ours).doesNotContain(theirs));
        fixtures.get(partner, "/api/projects?q={q}", theirsAcronym).expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0).jsonPath("$.items.length()").isEqualTo(0);
        fixtures.get(staff, "/api/projects?q={q}", theirsAcronym).expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
        // A pattern is text, not a way round the filter.
        fixtures.get(partner, "/api/projects?q=.*").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void shouldAnswerEveryRequestAboutAnotherProjectAsIfItDidNotExist() {
        for (var caller : List.of(partner, partnerStaff)) {
            askAboutAnotherProjectAs(caller);
        }
    }

    private void askAboutAnotherProjectAs(ProjectFixtures.Caller partner) {
        var unknown = "no-such-project";
        for (var path : List.of("/api/projects/{id}", "/api/projects/{id}/budget", "/api/projects/{id}/deliverables",
                "/api/projects/{id}/deliverables/D1.1", "/api/projects/{id}/mobilities", "/api/projects/{id}/indicators")) {
            var theirsBody = fixtures.get(partner, path, theirs).expectStatus().isNotFound().expectBody(String.class).returnResult()
                    .getResponseBody();
            var unknownBody = fixtures.get(partner, path, unknown).expectStatus().isNotFound().expectBody(String.class).returnResult()
                    .getResponseBody();
            assertThat(theirsBody).doesNotContain(theirsAcronym);
            assertThat(theirsBody.replace(theirs, "ID")).as(path).isEqualTo(unknownBody.replace(unknown, "ID"));
            fixtures.get(partner, path, ours).expectStatus().isOk();
        }
        fixtures.patch(partner, "/api/projects/{id}/deliverables/D1.1", Map.of("status", "DRAFT"), theirs).expectStatus().isNotFound();
        fixtures.post(partner, "/api/projects/{id}/mobilities", Map.of("type", "TRAINING", "title", "x", "workPackage", "WP1",
                "sendingOrganisationId", ProjectFixtures.COOPERATIVE, "receivingOrganisationId", ProjectFixtures.COOPERATIVE, "country", "TR",
                "startDate", "2027-01-01", "endDate", "2027-01-02", "participants", Map.of("EDUCATORS", 1)), theirs).expectStatus().isNotFound();
        fixtures.get(staff, "/api/projects/{id}/deliverables/D1.1", theirs).expectBody().jsonPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void shouldHideStaffOnlyDetailsFromPartners() {
        var educator = fixtures.educator();
        fixtures.post(staff, "/api/projects/{id}/educators", Map.of("personId", educator.id()), ours).expectStatus().isCreated();
        fixtures.get(staff, "/api/projects/{id}", ours).expectBody().jsonPath("$.educators[0]").isEqualTo(educator.id());
        fixtures.get(partner, "/api/projects/{id}", ours).expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(educator.id()));
        for (var path : List.of("/api/projects/calls", "/api/projects/exchange-rates", "/api/projects/portfolio?currency=EUR")) {
            fixtures.get(partner, path).expectStatus().isForbidden();
        }
        fixtures.post(partner, "/api/projects/{id}/transitions", Map.of("to", "DRAFTING"), ours).expectStatus().isForbidden();
        fixtures.post(partner, "/api/projects", ProjectFixtures.project(ProjectFixtures.COOPERATIVE, Map.of())).expectStatus().isForbidden();
        // A person without staff role is not a partner either.
        fixtures.get(fixtures.educator(), "/api/projects/{id}", ours).expectStatus().isForbidden();
    }
}
