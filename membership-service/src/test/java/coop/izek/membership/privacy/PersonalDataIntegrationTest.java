package coop.izek.membership.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.EventProbe;

@MembershipIntegrationTest
class PersonalDataIntegrationTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void shouldLetAGuardianAddChildrenOnlyTheyAndStaffSee() {
        var guardian = api.newPerson("Elif Guardian");
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var childId = addDependant(guardian.bearer(), "Deniz Çocuk", LocalDate.now().minusYears(8)).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("dependantId");

            var event = probe.await(e -> childId.equals(e.subject()));
            assertThat(event.type()).isEqualTo("coop.izek.membership.dependant-added.v1");
            assertThat(event.body()).contains("\"guardianId\":\"" + guardian.id() + "\"", "\"birthDate\"");
        }
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", guardian.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].fullName").isEqualTo("Deniz Çocuk");
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", api.newPerson("Stranger").bearer())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        api.client().get().uri("/api/membership/people/{id}/dependants", guardian.id())
                .header("Authorization", api.newPerson("Stranger Two").bearer()).exchange().expectStatus().isForbidden();
        api.client().get().uri("/api/membership/people/{id}/dependants", guardian.id())
                .header("Authorization", "Bearer " + api.adminToken()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].fullName").isEqualTo("Deniz Çocuk");
    }

    @Test
    void shouldRefuseAdultsAndUnbornAsDependants() {
        var guardian = api.newPerson("Careful Guardian");
        addDependant(guardian.bearer(), "Grown Up", LocalDate.now().minusYears(19)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/dependant-not-a-child");
        addDependant(guardian.bearer(), "Not Yet", LocalDate.now().plusDays(3)).expectStatus().isEqualTo(422);
        api.client().post().uri("/api/membership/people/me/dependants").header("Authorization", guardian.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", "No Date")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("birthDate");
    }

    @Test
    void shouldExportEverythingHeldAboutAPerson() {
        var member = api.activeMember("Export Me", "EDUCATOR");
        addDependant(member.bearer(), "Exported Child", LocalDate.now().minusYears(6)).expectStatus().isCreated();

        api.client().get().uri("/api/membership/people/me/export").header("Authorization", member.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.account.email").isEqualTo(member.person().email())
                .jsonPath("$.dependants[0].fullName").isEqualTo("Exported Child")
                .jsonPath("$.applications[0].memberType").isEqualTo("EDUCATOR")
                .jsonPath("$.membership.memberNumber").isEqualTo(member.number())
                .jsonPath("$.shareRegister[?(@.kind == 'PAYMENT')]").exists()
                .jsonPath("$.principleAcceptances[0].version").isNumber();
    }

    @Test
    void shouldEraseAPersonAnnounceItAndKeepTheRegisterRight() {
        var member = api.activeMember("Forget Me", "SUPPORTER");
        var childId = (String) addDependant(member.bearer(), "Forgotten Child", LocalDate.now().minusYears(10))
                .expectBody(Map.class).returnResult().getResponseBody().get("dependantId");

        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            api.client().post().uri("/api/membership/people/me/erasure").header("Authorization", member.bearer())
                    .exchange().expectStatus().isAccepted();

            var erased = probe.await(e -> member.person().id().equals(e.subject()) && e.type().endsWith("person-erased.v1"));
            assertThat(erased.body()).contains(childId).doesNotContain("Forget Me").doesNotContain(member.person().email());
        }
        api.client().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", member.person().email(), "password", Api.PASSWORD)).exchange().expectStatus().isUnauthorized();
        api.client().get().uri("/api/membership/people/me/export").header("Authorization", member.bearer()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.account.fullName").isEqualTo("—")
                .jsonPath("$.account.email").value(email -> assertThat((String) email).endsWith("@erased.invalid"))
                .jsonPath("$.dependants.length()").isEqualTo(0)
                .jsonPath("$.membership.status").isEqualTo("RESIGNED")
                .jsonPath("$.membership.memberNumber").isEqualTo(member.number())
                .jsonPath("$.shareRegister[?(@.kind == 'REFUND')]").exists()
                .jsonPath("$.applications[0].motivation").isEqualTo("—");
    }

    @Test
    void shouldRejectBadOrganisationData() {
        var admin = "Bearer " + api.adminToken();
        var oid = "E" + (10_000_000 + (int) (Math.random() * 89_999_999));
        organisation(admin, Map.of("name", "Semper Avanti", "country", "PL", "type", "NGO", "oid", oid, "contactEmail", "biuro@example.pl"))
                .expectStatus().isCreated();
        organisation(admin, Map.of("name", "Copy", "country", "PL", "type", "NGO", "oid", oid, "contactEmail", "biuro@example.pl"))
                .expectStatus().isEqualTo(409);
        organisation(admin, Map.of("name", "Nowhere", "country", "QQ", "type", "NGO", "contactEmail", "a@b.org"))
                .expectStatus().isEqualTo(422);
        organisation(admin, Map.of("name", "Bad OID", "country", "TR", "type", "NGO", "oid", "123", "contactEmail", "a@b.org"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("oid");
        organisation(admin, Map.of("name", "Bad Type", "country", "TR", "type", "SPACESHIP", "contactEmail", "a@b.org"))
                .expectStatus().isBadRequest();
        api.client().post().uri("/api/membership/organisations/{id}/api-clients", "missing").header("Authorization", admin)
                .exchange().expectStatus().isNotFound();
    }

    private RestTestClient.ResponseSpec addDependant(String bearer, String name, LocalDate birthDate) {
        return api.client().post().uri("/api/membership/people/me/dependants").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", name, "birthDate", birthDate.toString())).exchange();
    }

    private RestTestClient.ResponseSpec organisation(String admin, Map<String, String> body) {
        return api.client().post().uri("/api/membership/organisations").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

}
