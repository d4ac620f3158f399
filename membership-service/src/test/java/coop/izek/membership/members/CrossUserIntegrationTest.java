package coop.izek.membership.members;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;

/** One person acting on another's membership, or on staff's work: each refused, and nothing changes. */
@MembershipIntegrationTest
class CrossUserIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Member alice;
    Api.Member bob;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
        alice = api.activeMember("Alice Üye", "SUPPORTER");
        bob = api.activeMember("Bob Üye", "EDUCATOR");
    }

    /** Another member's record does not exist for them (404, not 403: its existence is not theirs to learn). */
    @Test
    void shouldHideOneMembersRecordAndSharesFromAnother() {
        for (var path : List.of("/api/membership/members/{id}", "/api/membership/members/{id}/shares")) {
            request(HttpMethod.GET, path, alice.bearer(), null, bob.id()).expectStatus().isNotFound();
            request(HttpMethod.HEAD, path, alice.bearer(), null, bob.id()).expectStatus().isNotFound();
            request(HttpMethod.GET, path, bob.bearer(), null, bob.id()).expectStatus().isOk();
            request(HttpMethod.GET, path, "Bearer " + api.adminToken(), null, bob.id()).expectStatus().isOk();
        }
    }

    @Test
    void shouldLeaveDecisionsPaymentsStatusTransfersAndListingsToStaff() {
        var applicant = api.newPerson("Başvuran");
        var applicationId = api.apply(applicant, "SUPPORTER", List.of());
        var staffOnly = List.<Object[]>of(
                new Object[] {HttpMethod.POST, "/api/membership/applications/" + applicationId + "/decision", Map.of("decision", "APPROVE")},
                new Object[] {HttpMethod.GET, "/api/membership/applications?status=PENDING", null},
                new Object[] {HttpMethod.HEAD, "/api/membership/applications?status=PENDING", null},
                new Object[] {HttpMethod.POST, "/api/membership/members/" + bob.id() + "/share-payments", Map.of("shares", 1,
                        "amount", Map.of("amount", "100.00", "currency", "TRY"), "paidOn", LocalDate.now().minusDays(1).toString(),
                        "reference", Api.unique("forged"))},
                new Object[] {HttpMethod.POST, "/api/membership/members/" + bob.id() + "/status", Map.of("status", "SUSPENDED",
                        "reason", "rivalry")},
                new Object[] {HttpMethod.POST, "/api/membership/share-transfers", Map.of("fromMemberId", bob.id(),
                        "toMemberId", alice.id(), "shares", 1, "on", LocalDate.now().toString())},
                new Object[] {HttpMethod.GET, "/api/membership/members", null},
                new Object[] {HttpMethod.HEAD, "/api/membership/members", null},
                new Object[] {HttpMethod.GET, "/api/membership/share-register", null},
                new Object[] {HttpMethod.POST, "/api/membership/people/" + bob.person().id() + "/erasure", null},
                new Object[] {HttpMethod.GET, "/api/membership/people/" + bob.person().id() + "/export", null});
        for (var call : staffOnly) {
            for (var caller : List.of(alice.bearer(), bob.bearer(), applicant.bearer())) {
                request((HttpMethod) call[0], (String) call[1], caller, call[2]).expectStatus().isForbidden();
            }
        }

        api.client().get().uri("/api/membership/members/{id}", bob.id()).header("Authorization", bob.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.shares").isEqualTo(1);
        api.client().get().uri("/api/membership/applications/{id}", applicationId).header("Authorization", applicant.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("PENDING");
        api.client().get().uri("/api/membership/people/me/export").header("Authorization", bob.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.account.fullName").isEqualTo("Bob Üye");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec request(HttpMethod method, String path, String bearer,
                                                                                           Object body, Object... variables) {
        var spec = api.client().method(method).uri(path, variables).header("Authorization", bearer);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange();
    }
}
