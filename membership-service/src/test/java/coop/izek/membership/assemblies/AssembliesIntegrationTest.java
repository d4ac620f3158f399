package coop.izek.membership.assemblies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.EventProbe;

@MembershipIntegrationTest
class AssembliesIntegrationTest {

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
    void shouldConveneAssemblyWithMotionsAndAnnounceIt() {
        api.activeMember("Announced Member", "SUPPORTER");
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var assembly = convene("2027 Olağan Genel Kurulu", 2);

            assertThat(assembly.motions()).hasSize(2);
            var event = probe.await(e -> assembly.id().equals(e.subject()));
            assertThat(event.type()).isEqualTo("coop.izek.membership.assembly-convened.v1");
            assertThat(event.body()).contains("2027 Olağan Genel Kurulu", "eligiblePersonIds");
        }
        api.client().post().uri("/api/membership/assemblies").header("Authorization", api.newPerson("Not Staff").bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "x", "date", LocalDate.now().toString(),
                        "motions", List.of(Map.of("title", "m", "text", "t"))))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldCountOneVotePerMemberAndRefuseTheSecond() {
        var member = api.activeMember("Single Voter", "EDUCATOR");
        var assembly = convene("Tek oy", 1);
        var motion = assembly.motions().getFirst();

        vote(member.bearer(), assembly.id(), motion, "YES", null).expectStatus().isCreated();
        vote(member.bearer(), assembly.id(), motion, "NO", null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/already-voted");

        results(member.bearer(), assembly.id(), motion).expectStatus().isOk().expectBody()
                .jsonPath("$.yes").isEqualTo(1).jsonPath("$.no").isEqualTo(0).jsonPath("$.abstain").isEqualTo(0)
                .jsonPath("$.eligible").isNumber().jsonPath("$.quorumMet").isBoolean();
    }

    @Test
    void shouldLetOnlyActiveMembersOnTheRollVote() {
        var awaiting = api.newPerson("Awaiting Payment");
        api.approve(api.apply(awaiting, "SUPPORTER", List.of()));
        var outsider = api.newPerson("Outsider");
        var assembly = convene("Yalnız aktif ortaklar", 1);
        var motion = assembly.motions().getFirst();
        var joinedLater = api.activeMember("Joined Later", "SUPPORTER");

        vote(awaiting.bearer(), assembly.id(), motion, "YES", null).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        vote(outsider.bearer(), assembly.id(), motion, "YES", null).expectStatus().isForbidden();
        vote(joinedLater.bearer(), assembly.id(), motion, "YES", null).expectStatus().isForbidden();
        vote(awaiting.bearer(), assembly.id(), "no-such-motion", "YES", null).expectStatus().isNotFound();
    }

    @Test
    void shouldRefuseTheVoteOfASuspendedMember() {
        var member = api.activeMember("Suspended Voter", "SUPPORTER");
        var assembly = convene("Askıdaki ortak", 1);
        api.client().post().uri("/api/membership/members/{id}/status", member.id()).header("Authorization", "Bearer " + api.adminToken())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("status", "SUSPENDED", "reason", "Disiplin"))
                .exchange().expectStatus().isOk();

        vote(member.bearer(), assembly.id(), assembly.motions().getFirst(), "YES", null).expectStatus().isForbidden();
    }

    /** A vote on someone's behalf needs their proxy: without it the real member keeps their vote. */
    @Test
    void shouldRefuseAVoteOnBehalfOfAMemberWhoGaveNoProxy() {
        var impostor = api.activeMember("Would-be Proxy", "SUPPORTER");
        var member = api.activeMember("Not Represented", "SUPPORTER");
        var assembly = convene("İzinsiz vekalet", 1);
        var motion = assembly.motions().getFirst();

        vote(impostor.bearer(), assembly.id(), motion, "YES", member.id()).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        vote(member.bearer(), assembly.id(), motion, "NO", null).expectStatus().isCreated();
        results(member.bearer(), assembly.id(), motion).expectBody().jsonPath("$.yes").isEqualTo(0).jsonPath("$.no").isEqualTo(1);
    }

    @Test
    void shouldLetAMemberGiveOneProxyToAMemberWhoCarriesOnlyOne() {
        var holder = api.activeMember("Proxy Holder", "SUPPORTER");
        var represented = api.activeMember("Represented", "SUPPORTER");
        var another = api.activeMember("Another Absent", "SUPPORTER");
        var secondHolder = api.activeMember("Second Holder", "SUPPORTER");
        var assembly = convene("Vekaletler", 2);
        var first = assembly.motions().get(0);
        var second = assembly.motions().get(1);

        grant(represented, assembly.id(), holder.id()).expectStatus().isCreated().expectBody().jsonPath("$.id").isNotEmpty();
        grant(another, assembly.id(), holder.id()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/proxy-limit");
        grant(represented, assembly.id(), secondHolder.id()).expectStatus().isEqualTo(409);
        grant(holder, assembly.id(), holder.id()).expectStatus().isEqualTo(422);

        vote(holder.bearer(), assembly.id(), first, "YES", represented.id()).expectStatus().isCreated();
        vote(holder.bearer(), assembly.id(), first, "YES", null).expectStatus().isCreated();
        vote(represented.bearer(), assembly.id(), first, "NO", null).expectStatus().isEqualTo(409);
        vote(holder.bearer(), assembly.id(), second, "NO", represented.id()).expectStatus().isCreated();
        vote(holder.bearer(), assembly.id(), second, "NO", another.id()).expectStatus().isForbidden();
        vote(secondHolder.bearer(), assembly.id(), second, "YES", represented.id()).expectStatus().isForbidden();

        results(holder.bearer(), assembly.id(), first).expectBody().jsonPath("$.yes").isEqualTo(2);
        api.client().get().uri("/api/membership/assemblies/{id}/proxies", assembly.id()).header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].holderMemberId").isEqualTo(holder.id())
                .jsonPath("$[0].representedMemberId").isEqualTo(represented.id())
                .jsonPath("$[0].used").isEqualTo(true);
        api.client().get().uri("/api/membership/assemblies/{id}/proxies", assembly.id()).header("Authorization", holder.bearer())
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldShowAMemberTheAssemblyAndWhereTheyStandAndTakeAProxyByMemberNumber() {
        var holder = api.activeMember("Numbered Holder", "SUPPORTER");
        var represented = api.activeMember("Numbered Represented", "SUPPORTER");
        var assembly = convene("Numaralı vekalet", 1);
        var motion = assembly.motions().getFirst();

        api.client().get().uri("/api/membership/assemblies?size=100").header("Authorization", holder.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[?(@.id == '" + assembly.id() + "')].motions[0].text")
                .isEqualTo(List.of("Önerge metni 1"));
        api.client().post().uri("/api/membership/assemblies/{a}/proxies", assembly.id()).header("Authorization", represented.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("proxyMemberNumber", holder.number())).exchange()
                .expectStatus().isCreated();
        vote(holder.bearer(), assembly.id(), motion, "ABSTAIN", represented.id()).expectStatus().isCreated();

        standing(represented.bearer(), assembly.id()).expectStatus().isOk().expectBody()
                .jsonPath("$.onRoll").isEqualTo(true)
                .jsonPath("$.given.holderMemberNumber").isEqualTo(holder.number())
                .jsonPath("$.given.used").isEqualTo(true)
                .jsonPath("$.votes[0].choice").isEqualTo("ABSTAIN");
        standing(holder.bearer(), assembly.id()).expectStatus().isOk().expectBody()
                .jsonPath("$.memberNumber").isEqualTo(holder.number())
                .jsonPath("$.carried.representedMemberNumber").isEqualTo(represented.number())
                .jsonPath("$.votes[0].memberId").isEqualTo(represented.id());
        // Neither both ways of naming the proxy nor none; an unknown number is no one on the roll.
        for (var body : List.<Map<String, Object>>of(Map.of(), Map.of("proxyMemberId", holder.id(), "proxyMemberNumber", holder.number()))) {
            api.client().post().uri("/api/membership/assemblies/{a}/proxies", assembly.id()).header("Authorization", represented.bearer())
                    .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isBadRequest();
        }
        api.client().post().uri("/api/membership/assemblies/{a}/proxies", assembly.id()).header("Authorization", holder.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("proxyMemberNumber", "IZEK-999999")).exchange()
                .expectStatus().isEqualTo(422);
        // Assemblies are the members' and staff's business.
        var outsider = api.newPerson("Not A Member");
        api.client().get().uri("/api/membership/assemblies").header("Authorization", outsider.bearer()).exchange().expectStatus().isForbidden();
        standing(outsider.bearer(), assembly.id()).expectStatus().isForbidden();
        api.client().get().uri("/api/membership/assemblies/{a}", assembly.id()).header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.motions.length()").isEqualTo(1);
    }

    @Test
    void shouldLetAProxyBeTakenBackUntilItIsUsed() {
        var holder = api.activeMember("Revoked Holder", "SUPPORTER");
        var represented = api.activeMember("Changed Mind", "SUPPORTER");
        var assembly = convene("Geri alınan vekalet", 1);
        var motion = assembly.motions().getFirst();
        var proxyId = proxyId(grant(represented, assembly.id(), holder.id()));

        revoke(holder, assembly.id(), proxyId).expectStatus().isNotFound();
        revoke(represented, assembly.id(), proxyId).expectStatus().isNoContent();
        vote(holder.bearer(), assembly.id(), motion, "YES", represented.id()).expectStatus().isForbidden();

        var again = proxyId(grant(represented, assembly.id(), holder.id()));
        vote(holder.bearer(), assembly.id(), motion, "YES", represented.id()).expectStatus().isCreated();
        revoke(represented, assembly.id(), again).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/proxy-used");
    }

    /** A revocation racing with the vote it would stop: one of them wins, never both. */
    @Test
    void shouldLetEitherTheRevocationOrTheProxyVoteWinWhenTheyRace() throws Exception {
        for (int round = 0; round < 4; round++) {
            var holder = api.activeMember("Racing Holder " + round, "SUPPORTER");
            var represented = api.activeMember("Racing Grantor " + round, "SUPPORTER");
            var assembly = convene("Yarış " + round, 1);
            var motion = assembly.motions().getFirst();
            var proxyId = proxyId(grant(represented, assembly.id(), holder.id()));
            var both = new ArrayList<Callable<Integer>>();
            both.add(() -> vote(holder.bearer(), assembly.id(), motion, "YES", represented.id()).returnResult().getStatus().value());
            both.add(() -> revoke(represented, assembly.id(), proxyId).returnResult().getStatus().value());
            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (var future : pool.invokeAll(both)) {
                    statuses.add(future.get());
                }
            }

            var voted = statuses.get(0) == 201;
            var revoked = statuses.get(1) == 204;
            assertThat(voted ^ revoked).as("vote %s, revocation %s", statuses.get(0), statuses.get(1)).isTrue();
            results(holder.bearer(), assembly.id(), motion).expectBody().jsonPath("$.yes").isEqualTo(voted ? 1 : 0);
        }
    }

    @Test
    void shouldTakeProxiesOnlyBeforeTheMemberVotesAndFromMembersOnTheRoll() {
        var holder = api.activeMember("Late Holder", "SUPPORTER");
        var voter = api.activeMember("Already Voted", "SUPPORTER");
        var assembly = convene("Geç vekalet", 1);
        var outsider = api.activeMember("Joined After Record Date", "SUPPORTER");
        vote(voter.bearer(), assembly.id(), assembly.motions().getFirst(), "YES", null).expectStatus().isCreated();

        grant(voter, assembly.id(), holder.id()).expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/already-voted");
        grant(outsider, assembly.id(), holder.id()).expectStatus().isForbidden();
        grant(holder, assembly.id(), outsider.id()).expectStatus().isEqualTo(422);
        grant(holder, "no-such-assembly", voter.id()).expectStatus().isNotFound();
    }

    @Test
    void shouldCountExactlyOneVoteEachWhenMembersVoteTwiceInParallel() throws Exception {
        var voters = new ArrayList<Api.Member>();
        for (int i = 0; i < 8; i++) {
            voters.add(api.activeMember("Parallel Voter " + i, "SUPPORTER"));
        }
        var assembly = convene("Eşzamanlı oylama", 1);
        var motion = assembly.motions().getFirst();
        var ballots = new ArrayList<Callable<Integer>>();
        for (var voter : voters) {
            for (var choice : List.of("YES", "NO", "ABSTAIN")) {
                ballots.add(() -> vote(voter.bearer(), assembly.id(), motion, choice, null).returnResult().getStatus().value());
            }
        }
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(ballots.size())) {
            for (var future : pool.invokeAll(ballots)) {
                statuses.add(future.get());
            }
        }

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(voters.size());
        assertThat(statuses).containsOnly(201, 409);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = results(voters.getFirst().bearer(), assembly.id(), motion).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((int) result.get("votesCast")).isEqualTo(voters.size());
        int eligible = (int) result.get("eligible");
        assertThat(result.get("quorumMet")).isEqualTo(voters.size() >= Math.ceil(eligible * 0.25));
    }

    @Test
    void shouldShowResultsToMembersAndStaffOnly() {
        var member = api.activeMember("Result Reader", "SUPPORTER");
        var assembly = convene("Sonuçlar", 1);
        var motion = assembly.motions().getFirst();

        results(member.bearer(), assembly.id(), motion).expectStatus().isOk();
        results("Bearer " + api.adminToken(), assembly.id(), motion).expectStatus().isOk();
        results(api.newPerson("Curious Public").bearer(), assembly.id(), motion).expectStatus().isForbidden();
        results(member.bearer(), "no-such-assembly", motion).expectStatus().isNotFound();
    }

    @Test
    void shouldRejectBadConveningRequests() {
        var admin = "Bearer " + api.adminToken();
        api.client().post().uri("/api/membership/assemblies").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Boş", "date", LocalDate.now().plusDays(7).toString(), "motions", List.of()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("motions");
        api.client().post().uri("/api/membership/assemblies").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Geçmiş", "date", "2020-01-01", "motions", List.of(Map.of("title", "m", "text", "t"))))
                .exchange().expectStatus().isEqualTo(422);
        api.client().post().uri("/api/membership/assemblies").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "Tarih", "date", "yarın", "motions", List.of(Map.of("title", "m", "text", "t"))))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("date");
    }

    record Convened(String id, List<String> motions) {
    }

    @SuppressWarnings("unchecked")
    private Convened convene(String title, int motions) {
        var drafts = new ArrayList<Map<String, String>>();
        for (int i = 1; i <= motions; i++) {
            drafts.add(Map.of("title", "Önerge " + i, "text", "Önerge metni " + i));
        }
        var body = api.client().post().uri("/api/membership/assemblies").header("Authorization", "Bearer " + api.adminToken())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "date", LocalDate.now().plusDays(14).toString(), "motions", drafts))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var ids = ((List<Map<String, Object>>) body.get("motions")).stream().map(m -> (String) m.get("id")).toList();
        return new Convened((String) body.get("id"), ids);
    }

    private RestTestClient.ResponseSpec grant(Api.Member grantor, String assemblyId, String proxyMemberId) {
        return api.client().post().uri("/api/membership/assemblies/{a}/proxies", assemblyId).header("Authorization", grantor.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("proxyMemberId", proxyMemberId)).exchange();
    }

    private RestTestClient.ResponseSpec standing(String bearer, String assemblyId) {
        return api.client().get().uri("/api/membership/assemblies/{a}/standing", assemblyId).header("Authorization", bearer).exchange();
    }

    private RestTestClient.ResponseSpec revoke(Api.Member caller, String assemblyId, String proxyId) {
        return api.client().delete().uri("/api/membership/assemblies/{a}/proxies/{p}", assemblyId, proxyId)
                .header("Authorization", caller.bearer()).exchange();
    }

    private static String proxyId(RestTestClient.ResponseSpec granted) {
        return (String) granted.expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private RestTestClient.ResponseSpec vote(String bearer, String assemblyId, String motionId, String choice, String onBehalfOf) {
        var body = onBehalfOf == null ? Map.of("choice", choice) : Map.of("choice", choice, "onBehalfOf", onBehalfOf);
        return api.client().post().uri("/api/membership/assemblies/{a}/motions/{m}/votes", assemblyId, motionId)
                .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private RestTestClient.ResponseSpec results(String bearer, String assemblyId, String motionId) {
        return api.client().get().uri("/api/membership/assemblies/{a}/motions/{m}/results", assemblyId, motionId)
                .header("Authorization", bearer).exchange();
    }
}
