package coop.izek.membership.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.nimbusds.jwt.SignedJWT;

import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;

/** People who work for a partner organisation: linked by staff, their tokens carry the organisation until unlinked or erased. */
@MembershipIntegrationTest
class OrganisationStaffIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
    }

    @Test
    void shouldGiveSomeoneLinkedToAnOrganisationItsIdAndPartnerStaffInTheirTokens() throws Exception {
        var organisation = api.registerOrganisation("Klaster Edukacyjny");
        var person = api.newPerson("Katarzyna Nowak");
        assertThat(claims(person.token()).getStringClaim("org")).isNull();

        link(organisation, person.email()).expectStatus().isCreated().expectBody().jsonPath("$.personId").isEqualTo(person.id());

        var claims = claims(api.token(person.email(), Api.PASSWORD));
        assertThat(claims.getStringClaim("org")).isEqualTo(organisation);
        assertThat(claims.getStringListClaim("roles")).contains("PARTNER_STAFF").doesNotContain("PARTNER", "ADMIN");
        api.client().get().uri("/api/membership/organisations/{id}/people", organisation).header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[0].email").isEqualTo(person.email());
        // Still a person: their own pages work as before.
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", "Bearer " + api.token(person.email(), Api.PASSWORD))
                .exchange().expectStatus().isOk();
    }

    @Test
    void shouldLinkAPersonToOneOrganisationAtATime() {
        var first = api.registerOrganisation("Gmina Lublin");
        var second = api.registerOrganisation("Uniwersytet");
        var person = api.newPerson("Piotr Zieliński");

        link(first, person.email()).expectStatus().isCreated();
        link(first, person.email()).expectStatus().isCreated();
        link(second, person.email()).expectStatus().isEqualTo(409);
    }

    @Test
    void shouldRefuseToLinkAnAddressWithoutAVerifiedAccount() {
        var organisation = api.registerOrganisation("Fundacja");
        var unverified = "not-yet-" + Api.unique("x") + "@example.org";
        api.registerUnverified(unverified, "Anna Not Yet");

        link(organisation, unverified).expectStatus().isNotFound();
        link(organisation, "nobody-" + Api.unique("x") + "@example.org").expectStatus().isNotFound();
        link(organisation, "not-an-address").expectStatus().isBadRequest();
    }

    @Test
    void shouldDropTheOrganisationFromTokensOnceUnlinkedOrErased() throws Exception {
        var organisation = api.registerOrganisation("Szkoła Podstawowa");
        var leaving = api.newPerson("Marta Leaving");
        var erased = api.newPerson("Jan Erased");
        link(organisation, leaving.email()).expectStatus().isCreated();
        link(organisation, erased.email()).expectStatus().isCreated();

        api.client().delete().uri("/api/membership/organisations/{id}/people/{personId}", organisation, leaving.id())
                .header("Authorization", "Bearer " + api.adminToken()).exchange().expectStatus().isNoContent();
        api.client().post().uri("/api/membership/people/me/erasure").header("Authorization", "Bearer " + api.token(erased.email(), Api.PASSWORD))
                .exchange().expectStatus().isAccepted();

        var claims = claims(api.token(leaving.email(), Api.PASSWORD));
        assertThat(claims.getStringClaim("org")).isNull();
        assertThat(claims.getStringListClaim("roles")).doesNotContain("PARTNER_STAFF");
        assertThat(api.client().get().uri("/api/membership/organisations/{id}/people", organisation)
                .header("Authorization", "Bearer " + api.adminToken()).exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody()).isEmpty();
    }

    @Test
    void shouldLetOnlyStaffLinkPeople() {
        var organisation = api.registerOrganisation("Stowarzyszenie");
        var person = api.newPerson("Ewa Self");

        api.client().post().uri("/api/membership/organisations/{id}/people", organisation).header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("email", person.email())).exchange().expectStatus().isForbidden();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec link(String organisation, String email) {
        return api.client().post().uri("/api/membership/organisations/{id}/people", organisation)
                .header("Authorization", "Bearer " + api.adminToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email)).exchange();
    }


    private static com.nimbusds.jwt.JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }
}
