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

/** Work packages with each partner's budget, totals in exact decimals, and the portfolio in one currency. */
@IntegrationTest
class BudgetIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String cluster;
    String municipality;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        cluster = fixtures.organisation("GLOKAL Klaster Edukacyjny", "PL", "CLUSTER");
        municipality = fixtures.organisation("Karşıyaka Belediyesi", "TR", "MUNICIPALITY");
    }

    private static Map<String, Object> line(String organisationId, String amount, String currency) {
        return Map.of("organisationId", organisationId, "amount", Map.of("amount", amount, "currency", currency));
    }

    @Test
    void shouldTotalBudgetsPerPartnerAndWorkPackageInExactDecimals() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster, municipality);
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Proje yönetimi",
                "leadOrganisationId", ProjectFixtures.COOPERATIVE, "budget", List.of(line(ProjectFixtures.COOPERATIVE, "0.10", "EUR"),
                        line(cluster, "0.20", "EUR"))), id)
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.code").isEqualTo("WP1")
                .jsonPath("$.management").isEqualTo(true)
                .jsonPath("$.total.amount").isEqualTo("0.30");
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 2, "title", "Aile atölyeleri",
                "leadOrganisationId", municipality, "budget", List.of(line(ProjectFixtures.COOPERATIVE, "12500.55", "EUR"),
                        line(municipality, "7499.45", "EUR"), line(cluster, "1000", "EUR"))), id)
                .expectStatus().isCreated().expectBody().jsonPath("$.management").isEqualTo(false);

        fixtures.get(staff, "/api/projects/{id}/budget", id).expectStatus().isOk().expectBody()
                .jsonPath("$.currency").isEqualTo("EUR")
                .jsonPath("$.total.amount").isEqualTo("21000.30")
                .jsonPath("$.byWorkPackage[0].key").isEqualTo("WP1")
                .jsonPath("$.byWorkPackage[0].total.amount").isEqualTo("0.30")
                .jsonPath("$.byWorkPackage[1].total.amount").isEqualTo("21000.00")
                .jsonPath("$.byPartner[?(@.key == 'izek')].total.amount").isEqualTo(List.of("12500.65"))
                .jsonPath("$.byPartner[?(@.key == '" + cluster + "')].total.amount").isEqualTo(List.of("1000.20"))
                .jsonPath("$.byPartner[?(@.key == '" + municipality + "')].name").isEqualTo(List.of("Karşıyaka Belediyesi"));
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.budgetTotal.amount").isEqualTo("21000.30");
    }

    @Test
    void shouldRefuseBudgetsOutsideTheConsortiumOrInAnotherCurrency() {
        var id = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Yönetim", "leadOrganisationId", municipality), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/not-a-partner");
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Yönetim", "leadOrganisationId", cluster,
                "budget", List.of(line(cluster, "100.00", "PLN"))), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/budget-currency");
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Yönetim", "leadOrganisationId", cluster,
                "budget", List.of(line(cluster, "100.00", "EUR"), line(cluster, "5.00", "EUR"))), id)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/budget-line-twice");
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Yönetim", "leadOrganisationId", cluster,
                "budget", List.of(line(cluster, "-1.00", "EUR"))), id)
                .expectStatus().isEqualTo(422);
        fixtures.workPackage(staff, id, 1, cluster);
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Again", "leadOrganisationId", cluster), id)
                .expectStatus().isEqualTo(409);
        fixtures.get(staff, "/api/projects/{id}", id).expectBody().jsonPath("$.workPackages.length()").isEqualTo(1);
    }

    @Test
    void shouldConvertThePortfolioWithStaffRatesNamingThemAndRefuseWhenOneIsMissing() {
        var currency = "SEK"; // only this test's projects use it, so the portfolio's rates are this test's
        var eur = fixtures.project(staff, ProjectFixtures.COOPERATIVE, cluster);
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Yönetim", "leadOrganisationId",
                ProjectFixtures.COOPERATIVE, "budget", List.of(line(ProjectFixtures.COOPERATIVE, "1000.00", "EUR"))), eur).expectStatus().isCreated();
        var pln = (String) fixtures.post(staff, "/api/projects", ProjectFixtures.project(cluster, Map.of("currency", "PLN")))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        fixtures.post(staff, "/api/projects/{id}/work-packages", Map.of("number", 1, "title", "Zarządzanie", "leadOrganisationId",
                cluster, "budget", List.of(line(cluster, "430.00", "PLN"))), pln).expectStatus().isCreated();

        fixtures.get(staff, "/api/projects/portfolio?currency={c}&on=2027-01-10", currency).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/missing-exchange-rate");

        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", "EUR", "to", currency, "rate", "11.5", "validFrom", "2027-01-01"))
                .expectStatus().isCreated();
        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", "EUR", "to", currency, "rate", "99", "validFrom", "2027-02-01"))
                .expectStatus().isCreated();
        // Only the opposite direction is known for PLN: 1 SEK = 0.43 PLN, so 430 PLN = 1000 SEK.
        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", currency, "to", "PLN", "rate", "0.43", "validFrom", "2026-12-01"))
                .expectStatus().isCreated();
        // Projects of other tests may be in TRY, PLN or EUR; give them rates too so the portfolio can be made.
        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", "TRY", "to", currency, "rate", "0.3", "validFrom", "2026-01-01"))
                .expectStatus().isCreated();

        var portfolio = fixtures.get(staff, "/api/projects/portfolio?currency={c}&on=2027-01-10", currency).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        var projects = (List<Map<String, Object>>) portfolio.get("projects");
        var eurLine = projects.stream().filter(p -> p.get("projectId").equals(eur)).findFirst().orElseThrow();
        var plnLine = projects.stream().filter(p -> p.get("projectId").equals(pln)).findFirst().orElseThrow();
        assertThat(eurLine.get("converted")).isEqualTo(Map.of("amount", "11500.00", "currency", currency));
        assertThat(eurLine.get("rate")).isEqualTo(Map.of("from", "EUR", "to", currency, "rate", "11.5", "validFrom", "2027-01-01",
                "inverted", false));
        assertThat(plnLine.get("converted")).isEqualTo(Map.of("amount", "1000.00", "currency", currency));
        assertThat(plnLine.get("rate")).isEqualTo(Map.of("from", currency, "to", "PLN", "rate", "0.43", "validFrom", "2026-12-01",
                "inverted", true));
        assertThat(portfolio.get("on")).isEqualTo("2027-01-10");
        assertThat((List<?>) portfolio.get("ratesUsed")).isNotEmpty();
    }

    @Test
    void shouldKeepPortfolioAndRatesForStaff() {
        var partner = fixtures.partner(cluster);
        fixtures.get(partner, "/api/projects/portfolio?currency=EUR").expectStatus().isForbidden();
        fixtures.post(partner, "/api/projects/exchange-rates", Map.of("from", "EUR", "to", "TRY", "rate", "1", "validFrom", "2027-01-01"))
                .expectStatus().isForbidden();
        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", "EUR", "to", "EUR", "rate", "1", "validFrom", "2027-01-01"))
                .expectStatus().isEqualTo(422);
        fixtures.post(staff, "/api/projects/exchange-rates", Map.of("from", "EUR", "to", "TRY", "rate", "0", "validFrom", "2027-01-01"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("rate");
    }
}
