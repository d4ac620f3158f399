package coop.izek.membership.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import com.nimbusds.jwt.SignedJWT;

import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.TestTokens;

@MembershipIntegrationTest
class MembershipLifecycleIntegrationTest {

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
    void shouldServeTheFoundingPrinciplesInTurkishAndEnglish() {
        api.client().get().uri("/api/membership/principles/1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.text.tr").value(text -> assertThat((String) text).contains("Vizyonumuz"))
                .jsonPath("$.text.en").value(text -> assertThat((String) text).contains("Our vision"));
        api.client().get().uri("/api/membership/principles/current").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.text.tr").exists().jsonPath("$.text.en").exists();
        api.client().get().uri("/api/membership/principles/999").exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldTakeApplicationThroughApprovalAndSharePaymentToActiveMembership() throws Exception {
        var person = api.newPerson("Zehra Kaya");
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var applicationId = api.apply(person, "EDUCATOR", List.of("STEM", "ARTS"));
            var submitted = probe.await(e -> applicationId.equals(e.subject()) && e.type().endsWith("application-submitted.v1"));
            assertThat(submitted.body()).contains("\"memberType\":\"EDUCATOR\"").doesNotContain("robotik");
            // Staff see who applied, by name.
            api.client().get().uri("/api/membership/applications?status=PENDING&size=100").header("Authorization", "Bearer " + api.adminToken())
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items[?(@.id == '" + applicationId + "')].applicantName").isEqualTo(List.of("Zehra Kaya"));

            var decision = api.approve(applicationId);
            assertThat(decision).containsEntry("status", "APPROVED");
            var memberId = (String) decision.get("memberId");
            assertThat((String) decision.get("memberNumber")).matches("IZEK-\\d{6}");
            var decided = probe.await(e -> e.type().endsWith("application-decided.v1") && e.body().contains(applicationId));
            assertThat(decided.body()).contains("\"memberNumber\":\"" + decision.get("memberNumber") + "\"");

            api.client().get().uri("/api/membership/members/me").header("Authorization", person.bearer()).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("AWAITING_SHARE_PAYMENT")
                    .jsonPath("$.shares").isEqualTo(0)
                    .jsonPath("$.memberNumber").isEqualTo(decision.get("memberNumber"))
                    .jsonPath("$.expertise[0]").isEqualTo("STEM");

            api.pay(memberId, 1, "100.00", Api.unique("dekont")).expectStatus().isCreated()
                    .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.shares").isEqualTo(1);
            probe.await(e -> memberId.equals(e.subject()) && e.type().endsWith("share-payment-recorded.v1"));
            probe.await(e -> memberId.equals(e.subject()) && e.type().endsWith("member-activated.v1"));
        }

        var roles = SignedJWT.parse(api.token(person.email(), Api.PASSWORD)).getJWTClaimsSet().getStringListClaim("roles");
        assertThat(roles).containsExactlyInAnyOrder("MEMBER", "EDUCATOR");
    }

    @Test
    void shouldRefuseApplicationsThatBreakTheRules() {
        var person = api.newPerson("Rule Breaker");
        apply(person.bearer(), Map.of("memberType", "SUPPORTER", "motivation", "x", "acceptedPrinciplesVersion", 99,
                "dataProcessingConsent", true)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/principles-version-not-current");
        apply(person.bearer(), Map.of("memberType", "SUPPORTER", "motivation", "x", "acceptedPrinciplesVersion", currentVersion(),
                "dataProcessingConsent", false)).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/consent-required");
        apply(person.bearer(), Map.of("memberType", "EDUCATOR", "expertise", List.of(), "motivation", "x",
                "acceptedPrinciplesVersion", currentVersion(), "dataProcessingConsent", true)).expectStatus().isEqualTo(422);
        apply(person.bearer(), Map.of("memberType", "ASTRONAUT", "motivation", "x", "acceptedPrinciplesVersion", currentVersion(),
                "dataProcessingConsent", true)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberType");
        apply(person.bearer(), Map.of("memberType", "SUPPORTER", "motivation", "x", "acceptedPrinciplesVersion", currentVersion(),
                "dataProcessingConsent", true, "shoeSize", 42)).expectStatus().isBadRequest();
        apply(null, Map.of("memberType", "SUPPORTER")).expectStatus().isUnauthorized();
        apply("Bearer " + TestTokens.forPartner("org-client", "org-1"), Map.of("memberType", "SUPPORTER"))
                .expectStatus().isUnauthorized();
    }

    @Test
    void shouldAllowOneOpenApplicationPerPersonEvenWhenSentInParallel() throws Exception {
        var person = api.newPerson("Eager Applicant");
        var body = Map.of("memberType", "SUPPORTER", "motivation", "Velimiz için", "acceptedPrinciplesVersion", currentVersion(),
                "dataProcessingConsent", true);
        var attempts = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> apply(person.bearer(), body).returnResult().getStatus().value());
        }

        var statuses = run(attempts);

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(201, 409);
    }

    @Test
    void shouldGiveConsecutiveUniqueMemberNumbersWhenApprovalsRace() throws Exception {
        var applications = new ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            applications.add(api.apply(api.newPerson("Parallel " + i), "SUPPORTER", List.of()));
        }
        var approvals = new ArrayList<Callable<String>>();
        applications.forEach(id -> approvals.add(() -> (String) api.approve(id).get("memberNumber")));

        var numbers = run(approvals).stream().map(n -> Integer.parseInt(n.substring("IZEK-".length()))).sorted().toList();

        assertThat(numbers).doesNotHaveDuplicates().hasSize(8);
        assertThat(numbers.getLast() - numbers.getFirst()).isEqualTo(7);
    }

    @Test
    void shouldLetOnlyTheFirstOfConcurrentDecisionsWin() throws Exception {
        var applicationId = api.apply(api.newPerson("Decided Once"), "SUPPORTER", List.of());
        var admin = "Bearer " + api.adminToken();
        var decisions = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 6; i++) {
            Map<String, String> verdict = i % 2 == 0 ? Map.of("decision", "APPROVE") : Map.of("decision", "REJECT", "reason", "Eksik belge");
            decisions.add(() -> api.client().post().uri("/api/membership/applications/{id}/decision", applicationId)
                    .header("Authorization", admin).contentType(MediaType.APPLICATION_JSON).body(verdict)
                    .exchange().returnResult().getStatus().value());
        }

        var statuses = run(decisions);

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(200, 409);
    }

    @Test
    void shouldRequireAReasonToRejectAndKeepIt() {
        var person = api.newPerson("Rejected Applicant");
        var applicationId = api.apply(person, "SUPPORTER", List.of());
        var admin = "Bearer " + api.adminToken();

        decide(admin, applicationId, Map.of("decision", "REJECT")).expectStatus().isEqualTo(422);
        decide(admin, applicationId, Map.of("decision", "REJECT", "reason", "İlkeleri kabul etmedi")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("REJECTED").jsonPath("$.memberId").doesNotExist();
        decide(admin, applicationId, Map.of("decision", "APPROVE")).expectStatus().isEqualTo(409);
        api.client().get().uri("/api/membership/applications/{id}", applicationId).header("Authorization", person.bearer())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.reason").isEqualTo("İlkeleri kabul etmedi");
        api.client().get().uri("/api/membership/applications/{id}", applicationId)
                .header("Authorization", api.newPerson("Nosy").bearer()).exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldRefuseWrongAmountsAndReusedReferences() throws Exception {
        var first = api.activeMember("First Payer", "SUPPORTER");
        var decision = api.approve(api.apply(api.newPerson("Second Payer"), "SUPPORTER", List.of()));
        var memberId = (String) decision.get("memberId");

        api.pay(memberId, 2, "100.00", Api.unique("r")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/amount-mismatch");
        var reference = Api.unique("shared-ref");
        var attempts = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 6; i++) {
            var payer = i % 2 == 0 ? memberId : first.id();
            attempts.add(() -> api.pay(payer, 1, "100.00", reference).returnResult().getStatus().value());
        }
        var statuses = run(attempts);

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(201, 409);
        api.pay(memberId, 1, "100", Api.unique("plain")).expectStatus().isCreated();
    }

    @Test
    void shouldSuspendReinstateAndResignWithARefundScheduled() {
        var member = api.activeMember("Life Cycle", "EDUCATOR");
        var admin = "Bearer " + api.adminToken();

        status(admin, member.id(), "SUSPENDED", "Aidat gecikmesi").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");
        status(admin, member.id(), "ACTIVE", "Ödendi").expectStatus().isOk();
        api.client().post().uri("/api/membership/members/me/resignation").header("Authorization", member.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "Taşınıyorum"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RESIGNED");
        status(admin, member.id(), "EXPELLED", "late").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/illegal-status-change");

        api.client().get().uri("/api/membership/members/{id}/shares", member.id()).header("Authorization", member.bearer())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totals.paidShares").isEqualTo(0)
                .jsonPath("$.totals.paidAmount.amount").isEqualTo("0.00")
                .jsonPath("$.lines[?(@.kind == 'REFUND')].dueOn").exists()
                .jsonPath("$.lines[?(@.kind == 'REFUND')].amount.amount").isEqualTo("-100.00");
    }

    @Test
    void shouldMoveSharesBetweenMembersInOneLineAndKeepCooperativeTotals() {
        var giver = api.activeMember("Share Giver", "SUPPORTER");
        api.pay(giver.id(), 2, "200.00", Api.unique("extra")).expectStatus().isCreated();
        var receiver = api.newPerson("Share Receiver");
        var receiverId = (String) api.approve(api.apply(receiver, "SUPPORTER", List.of())).get("memberId");
        var admin = "Bearer " + api.adminToken();
        var before = cooperativeTotals(admin);

        transfer(admin, giver.id(), receiverId, 1).expectStatus().isCreated().expectBody().jsonPath("$.entryNumber").isNumber();

        api.client().get().uri("/api/membership/members/{id}", receiverId).header("Authorization", admin).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.shares").isEqualTo(1);
        api.client().get().uri("/api/membership/members/{id}/shares", giver.id()).header("Authorization", giver.bearer()).exchange()
                .expectBody().jsonPath("$.totals.paidShares").isEqualTo(2).jsonPath("$.totals.paidAmount.amount").isEqualTo("200.00");
        assertThat(cooperativeTotals(admin)).isEqualTo(before);
        transfer(admin, giver.id(), receiverId, 2).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/below-minimum-holding");
        transfer(admin, giver.id(), giver.id(), 1).expectStatus().isEqualTo(422);
    }

    @Test
    void shouldAnnounceEveryStatusChange() {
        var member = api.activeMember("Announced Status", "EDUCATOR");
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            status("Bearer " + api.adminToken(), member.id(), "EXPELLED", "Tüzüğe aykırılık").expectStatus().isOk();

            var event = probe.await(e -> member.id().equals(e.subject()) && e.type().endsWith("member-status-changed.v1"));
            assertThat(event.body()).contains("\"from\":\"ACTIVE\"", "\"to\":\"EXPELLED\"", "Tüzüğe aykırılık");
        }
    }

    @Test
    void shouldKeepAnAppendOnlyNumberedRegisterWithCooperativeTotals() {
        api.activeMember("Register One", "SUPPORTER");
        var admin = "Bearer " + api.adminToken();

        var page = api.client().get().uri("/api/membership/share-register?size=100").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        @SuppressWarnings("unchecked")
        var lines = (List<Map<String, Object>>) ((Map<String, Object>) page.get("lines")).get("items");
        var numbers = lines.stream().map(l -> ((Number) l.get("number")).longValue()).toList();
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        assertThat(numbers.getLast() - numbers.getFirst()).isEqualTo(numbers.size() - 1);
        @SuppressWarnings("unchecked")
        var totals = (Map<String, Object>) page.get("cooperative");
        assertThat(((Number) totals.get("paidShares")).intValue()).isPositive();
        api.client().get().uri("/api/membership/share-register").header("Authorization", api.newPerson("Not Staff").bearer())
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldListActiveMembersWhoHaveNotAcceptedANewVersion() {
        var member = api.activeMember("Principled", "SUPPORTER");
        var admin = "Bearer " + api.adminToken();
        var version = (Integer) api.client().post().uri("/api/membership/principles").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", Map.of("tr", "Yeni ilkeler", "en", "New principles")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("version");

        api.client().get().uri("/api/membership/principles/current/not-accepted").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(version)
                .jsonPath("$.members[?(@.id == '" + member.id() + "')]").exists();
        api.client().post().uri("/api/membership/principles/{v}/acceptances", version).header("Authorization", member.bearer())
                .exchange().expectStatus().isNoContent();
        api.client().get().uri("/api/membership/principles/current/not-accepted").header("Authorization", admin).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.members[?(@.id == '" + member.id() + "')]").doesNotExist();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec apply(String bearer, Map<String, ?> body) {
        var request = api.client().post().uri("/api/membership/applications").contentType(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            request = request.header("Authorization", bearer);
        }
        return request.body(body).exchange();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec decide(String admin, String id, Map<String, ?> body) {
        return api.client().post().uri("/api/membership/applications/{id}/decision", id).header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec status(String admin, String memberId, String to, String reason) {
        return api.client().post().uri("/api/membership/members/{id}/status", memberId).header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("status", to, "reason", reason)).exchange();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec transfer(String admin, String from, String to, int shares) {
        return api.client().post().uri("/api/membership/share-transfers").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("fromMemberId", from, "toMemberId", to, "shares", shares, "on", java.time.LocalDate.now().toString()))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cooperativeTotals(String admin) {
        return (Map<String, Object>) api.client().get().uri("/api/membership/share-register?size=1").header("Authorization", admin)
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("cooperative");
    }

    private int currentVersion() {
        return (Integer) api.client().get().uri("/api/membership/principles/current").exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("version");
    }

    private static <T> List<T> run(List<Callable<T>> tasks) throws Exception {
        var results = new ArrayList<T>();
        try (var pool = Executors.newFixedThreadPool(tasks.size())) {
            for (var future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
        }
        return results;
    }
}
