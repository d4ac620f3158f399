package coop.izek.support.sample;

import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;
import tools.jackson.databind.json.JsonMapper;

/** The platform's token checks as every service runs them (the sample uses the support module's own). */
@IntegrationTest
class TokenChecksIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** Each forged token reaches the check it is about: its payload parses, so only the signature, issuer, ... stop it. */
    @Test
    void shouldRefuseEveryForgedExpiredOrMisdirectedToken() {
        status("/samples/admin/report", TestTokens.forPerson("p-attacked", "ADMIN"), 200);
        TestTokens.attacksOn("p-attacked", "ADMIN").forEach((attack, token) ->
                client.get().uri("/samples/admin/report").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401))
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** Each service remembers the tokens it checked; a copy altered without the key is not one of them. */
    @Test
    void shouldCheckTheSignatureOfEveryAlteredCopyOfAnAcceptedToken() {
        var genuine = TestTokens.forPerson("p-genuine", "ADMIN");
        status("/samples/admin/report", genuine, 200);
        TestTokens.attacksWithoutTheKey(genuine).forEach((attack, token) ->
                client.get().uri("/samples/admin/report").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> org.assertj.core.api.Assertions.assertThat(status).as(attack).isEqualTo(401)));
        status("/samples/admin/report", genuine, 200);
    }

    /** A remembered token's claims are checked on every use: it stops working when it expires (past the 60 s of skew allowed). */
    @Test
    void shouldRefuseAnAcceptedTokenOnceItExpires() {
        var token = TestTokens.forPersonExpiringAt("p-" + UUID.randomUUID(), Instant.now().minusSeconds(55));
        status("/samples/people/me", token, 200);

        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> status("/samples/people/me", token, 401));
    }

    @Test
    void shouldLetOnlyPeopleWithAVerifiedAddressThroughPersonRules() {
        status("/samples/people/me", TestTokens.forPerson("p-verified"), 200);
        status("/samples/people/me", TestTokens.forUnverifiedPerson("p-unverified"), 403);
        status("/samples/people/me", TestTokens.forPartner("org-client", "org-1"), 403);
        status("/samples/accounts/me", TestTokens.forUnverifiedPerson("p-unverified"), 200);
        status("/samples/accounts/me", TestTokens.forPartner("org-client", "org-1"), 403);
    }

    @Test
    void shouldRefuseTheTokensOfAnErasedPersonAsSoonAsTheErasureArrives() {
        var personId = "p-" + UUID.randomUUID();
        var token = TestTokens.forPerson(personId);
        status("/samples/people/me", token, 200);

        publish(MembershipEvents.PERSON_ERASED, personId, new MembershipEvents.PersonErased(personId, java.util.List.of()));

        await().untilAsserted(() -> status("/samples/people/me", token, 401));
        status("/samples/people/me", TestTokens.forPerson("p-someone-else"), 200);
    }

    @Test
    void shouldRefuseTokensIssuedBeforeAPasswordChangeAndAcceptLaterOnes() {
        var personId = "p-" + UUID.randomUUID();
        var changedAt = Instant.now().minusSeconds(60);
        var before = TestTokens.forPersonIssuedAt(personId, changedAt.minusSeconds(120));
        var after = TestTokens.forPersonIssuedAt(personId, changedAt.plusSeconds(30));

        publish(MembershipEvents.PASSWORD_CHANGED, personId, new MembershipEvents.PasswordChanged(personId, changedAt, "RESET"));

        await().untilAsserted(() -> status("/samples/people/me", before, 401));
        status("/samples/people/me", after, 200);
    }

    @Test
    void shouldRefuseTheTokensOfARevokedPartnerClient() {
        var clientId = "org-" + UUID.randomUUID();
        var token = TestTokens.forPartner(clientId, "org-1");
        status("/samples/mine", token, 200);

        publish(MembershipEvents.API_CLIENT_REVOKED, clientId, new MembershipEvents.ApiClientRevoked(clientId, "org-1", Instant.now()));

        await().untilAsserted(() -> status("/samples/mine", token, 401));
    }

    private <T> void publish(coop.izek.events.EventType<T> type, String subject, T payload) {
        try (var sender = EventSender.create()) {
            sender.send(Topics.MEMBERSHIP, type.name(), subject, json.writeValueAsString(payload));
        }
    }

    private void status(String path, String token, int expected) {
        client.get().uri(path).header("Authorization", "Bearer " + token).exchange().expectStatus().isEqualTo(expected);
    }
}
