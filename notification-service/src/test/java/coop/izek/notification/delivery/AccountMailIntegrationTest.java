package coop.izek.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.notification.NotificationIntegrationTest;
import coop.izek.support.secrets.SignedLinks;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.TestClock;
import coop.izek.testsupport.TestMail;
import coop.izek.testsupport.TestTokens;

/** Account mails: the verification link to an address nobody verified yet, and the security mails of an account. */
@NotificationIntegrationTest
class AccountMailIntegrationTest {

    private static final Pattern LINK = Pattern.compile("(http\\S+\\?token=\\S+)");

    @LocalServerPort
    int port;

    @Autowired
    SignedLinks links;

    @Autowired
    TestClock clock;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Counted at the SMTP server: the event three times, one mail; then a second request, a second mail. */
    @Test
    void shouldMailOneWorkingVerificationLinkToTheUnverifiedAddressAndNothingElse() {
        var personId = UUID.randomUUID().toString();
        var address = personId + "@izek.test";
        var expires = Instant.now().plus(Duration.ofHours(48)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var request = Map.of("personId", personId, "email", address, "locale", "en", "verificationId", "nonce-1",
                "expiresAt", expires.toString());
        var eventId = UUID.randomUUID().toString();
        for (int redelivery = 0; redelivery < 3; redelivery++) {
            EventContracts.publishWithId(MembershipEvents.EMAIL_VERIFICATION_REQUESTED, "default", eventId, personId, request);
        }
        var again = new java.util.HashMap<>(request);
        again.put("verificationId", "nonce-2");
        EventContracts.publish(MembershipEvents.EMAIL_VERIFICATION_REQUESTED, personId, again);

        var mails = awaitMail(address, 2);
        assertThat(mails).hasSize(2);
        var first = mails.getFirst();
        assertThat(first.subject()).isEqualTo("Verify your email address");
        var link = URI.create(link(first.body()));
        assertThat(link.getPath()).isEqualTo("/account/verify-email");
        var token = URLDecoder.decode(link.getQuery().replaceFirst("token=", "").replaceFirst("&lang=.*", ""), StandardCharsets.UTF_8);
        assertThat(links.verify(token, "verify-email", Instant.now())).get()
                .satisfies(verified -> {
                    assertThat(verified.subject()).isEqualTo(personId);
                    assertThat(verified.nonce()).isEqualTo("nonce-1");
                });
        assertThat(links.verify(token, "reset-password", Instant.now())).isEmpty();
        // Nothing but the verification mail: no inbox item for someone the platform does not know yet.
        client.get().uri("/api/notifications/inbox").header("Authorization", "Bearer " + TestTokens.forPerson(personId)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void shouldMailAResetLinkByEmailOnlyEvenInQuietHours() {
        var personId = registered("Parola Unutan", "tr");
        clock.advanceToNextIzmirTime(LocalTime.of(23, 30));

        EventContracts.publish(MembershipEvents.PASSWORD_RESET_REQUESTED, personId, Map.of("personId", personId, "resetId", "r-1",
                "expiresAt", Instant.now().plus(Duration.ofHours(1)).toString()));

        var mail = awaitMail(personId + "@izek.test", 2).stream().filter(m -> m.subject().contains("Parola")).findFirst().orElseThrow();
        assertThat(mail.subject()).isEqualTo("Parola yenileme bağlantınız");
        assertThat(link(mail.body())).contains("/account/reset-password?token=");
        assertThat(inboxKinds(personId)).doesNotContain("PASSWORD_RESET");
    }

    @Test
    void shouldTellTheOwnerAboutARepeatedRegistrationAndAChangedPassword() {
        var personId = registered("Dikkatli Sahip", "pl");

        EventContracts.publish(MembershipEvents.REGISTRATION_ATTEMPTED, personId, Map.of("personId", personId));
        // Changed a moment before the person signed in again (tokens from before the change are refused).
        EventContracts.publish(MembershipEvents.PASSWORD_CHANGED, personId, Map.of("personId", personId,
                "changedAt", Instant.now().minusSeconds(10).toString(), "how", "CHANGED"));

        var subjects = awaitMail(personId + "@izek.test", 3).stream().map(TestMail.Received::subject).toList();
        assertThat(subjects).contains("Ktoś próbował zarejestrować się Twoim adresem", "Hasło zostało zmienione");
        assertThat(inboxKinds(personId)).contains("PASSWORD_CHANGED");
    }

    private String registered(String fullName, String locale) {
        var personId = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.PERSON_REGISTERED, personId, Map.of("personId", personId, "email", personId + "@izek.test",
                "fullName", fullName, "locale", locale));
        awaitMail(personId + "@izek.test", 1);
        return personId;
    }

    private static String link(String body) {
        var matcher = LINK.matcher(body);
        assertThat(matcher.find()).as("a link in %s", body).isTrue();
        return matcher.group(1);
    }

    private static List<TestMail.Received> awaitMail(String address, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox(address), mails -> mails.size() >= count);
    }

    @SuppressWarnings("unchecked")
    private List<String> inboxKinds(String personId) {
        return ((List<Map<String, Object>>) client.get().uri("/api/notifications/inbox?size=100")
                .header("Authorization", "Bearer " + TestTokens.forPerson(personId)).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("items")).stream().map(i -> (String) i.get("kind")).toList();
    }
}
