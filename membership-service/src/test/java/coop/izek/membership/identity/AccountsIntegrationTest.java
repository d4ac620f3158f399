package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.support.secrets.SignedLinks;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventProbe.ReceivedEvent;
import coop.izek.testsupport.TestClock;
import tools.jackson.databind.json.JsonMapper;

@MembershipIntegrationTest
class AccountsIntegrationTest {

    static final String VERIFICATION_REQUESTED = "coop.izek.membership.email-verification-requested.v1";
    static final String REGISTERED = "coop.izek.membership.person-registered.v1";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SignedLinks links;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JsonMapper json;

    @Autowired
    TestClock clock;

    RestTestClient client;
    Api api;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        api = new Api(port, context);
    }

    @Test
    void shouldAnnounceAPersonOnlyOnceTheyFollowTheVerificationLinkFromTheMail() {
        var email = unique("ayse") + "@example.org";
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            register(email, "Ayşe Yılmaz", "en").expectStatus().isAccepted();

            var requested = probe.await(e -> VERIFICATION_REQUESTED.equals(e.type()) && e.body().contains(email));
            var personId = requested.subject();
            assertThat(requested.key()).isEqualTo(personId);
            assertThat(requested.body()).contains("\"locale\":\"en\"").doesNotContain("Ayşe").doesNotContainIgnoringCase("password");
            // Everything about this person so far is on one partition, in order: nothing announced them yet.
            assertThat(probe.received()).filteredOn(e -> personId.equals(e.subject())).extracting(ReceivedEvent::type)
                    .containsExactly(VERIFICATION_REQUESTED);

            client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", linkFrom(requested))).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("VERIFIED");

            var registered = probe.await(e -> REGISTERED.equals(e.type()) && personId.equals(e.subject()));
            assertThat(registered.body()).contains("\"email\":\"" + email + "\"", "\"fullName\":\"Ayşe Yılmaz\"", "\"locale\":\"en\"");
            client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", linkFrom(requested))).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ALREADY_VERIFIED");
            // A later event of the same person as a marker: the second click announced nothing.
            register(email, "Someone Else", "tr").expectStatus().isAccepted();
            probe.await(e -> "coop.izek.membership.registration-attempted.v1".equals(e.type()) && personId.equals(e.subject()));
            assertThat(probe.received()).filteredOn(e -> personId.equals(e.subject()) && REGISTERED.equals(e.type())).hasSize(1);
        }
    }

    /** The answer must not tell whether an account exists; the owner hears of the attempt, the caller learns nothing. */
    @Test
    void shouldAnswerRegistrationAlikeWhetherOrNotTheAddressHasAnAccount() {
        var email = unique("mehmet") + "@example.org";
        var first = register(email, "Mehmet", null).expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
        var personId = api.personIdOf(email);
        client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", api.verificationToken(personId))).exchange().expectStatus().isOk();

        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var again = register(email.toUpperCase(), "Mehmet Again", null).expectStatus().isAccepted()
                    .expectBody(String.class).returnResult().getResponseBody();

            assertThat(again).isEqualTo(first);
            var told = probe.await(e -> "coop.izek.membership.registration-attempted.v1".equals(e.type()));
            assertThat(told.subject()).isEqualTo(personId);
            assertThat(told.body()).doesNotContain("Mehmet Again").doesNotContain(email);
        }
        assertThat(mongo.getCollection("people").countDocuments(Filters.eq("emailKey", email.toLowerCase()))).isEqualTo(1);
        assertThat(mongo.getCollection("people").find(Filters.eq("emailKey", email.toLowerCase())).first().getString("fullName"))
                .isEqualTo("Mehmet");
    }

    /** Counted on the topic: twelve racing registrations make one account and send one verification mail. */
    @Test
    void shouldCreateOneAccountAndSendOneVerificationWhenRegistrationsRace() throws Exception {
        var email = unique("race") + "@example.org";
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var attempts = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 12; i++) {
                attempts.add(() -> register(email, "Racer", "tr").returnResult().getStatus().value());
            }
            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newFixedThreadPool(12)) {
                for (var result : pool.invokeAll(attempts)) {
                    statuses.add(result.get());
                }
            }
            assertThat(statuses).containsOnly(202);
            var personId = api.personIdOf(email);
            client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", api.verificationToken(personId))).exchange().expectStatus().isOk();

            probe.await(e -> REGISTERED.equals(e.type()) && personId.equals(e.subject()));
            assertThat(probe.received()).filteredOn(e -> VERIFICATION_REQUESTED.equals(e.type()) && e.body().contains(email)).hasSize(1);
        }
        assertThat(mongo.getCollection("people").countDocuments(Filters.eq("emailKey", email))).isEqualTo(1);
    }

    @Test
    void shouldRefuseForgedExpiredAndMisdirectedLinks() {
        var personId = api.registerUnverified(unique("link") + "@example.org", "Link Person");
        var genuine = api.verificationToken(personId);
        var nonce = mongo.getCollection("people").find(Filters.eq("_id", personId)).first().get("verification", org.bson.Document.class)
                .getString("nonce");
        var tampered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
        var expired = links.sign("verify-email", personId, nonce, Instant.now().minusSeconds(1));
        var otherPurpose = links.sign("reset-password", personId, nonce, Instant.now().plusSeconds(600));
        var otherNonce = links.sign("verify-email", personId, "not-the-nonce", Instant.now().plusSeconds(600));

        for (var token : java.util.List.of(tampered, expired, otherPurpose, otherNonce, "garbage")) {
            client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON).body(Map.of("token", token))
                    .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.type").isEqualTo("/problems/link-invalid");
        }
        client.get().uri("/account/verify-email?token=" + tampered + "&lang=tr").exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(page -> assertThat(page).contains("geçerli değil"));
        client.get().uri("/account/verify-email?token=" + genuine).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("doğrulandı"));
    }

    @Test
    void shouldKeepAnUnverifiedPersonFromAnythingButTheirOwnAccountUntilTheyVerify() throws Exception {
        var email = unique("unverified") + "@example.org";
        var personId = api.registerUnverified(email, "Henüz Doğrulanmadı");
        var token = api.token(email, Api.PASSWORD);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getBooleanClaim("email_verified")).isFalse();

        client.post().uri("/api/membership/people/me/dependants").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", "Çocuk", "birthDate", "2018-04-01"))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/membership/people/me/export").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.account.emailVerified").isEqualTo(false);
        // Registering moments ago sent the first mail: another must wait, and says how long.
        client.post().uri("/api/auth/verification-email").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

        client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", api.verificationToken(personId))).exchange().expectStatus().isOk();
        var verified = api.token(email, Api.PASSWORD);
        client.post().uri("/api/membership/people/me/dependants").header("Authorization", "Bearer " + verified)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", "Çocuk", "birthDate", "2018-04-01"))
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/auth/verification-email").header("Authorization", "Bearer " + verified).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void shouldResetAForgottenPasswordThroughTheMailedLinkOnceAndEndEveryOlderToken() {
        var person = api.newPerson("Unutkan Kişi");
        var unknown = unique("nobody") + "@example.org";
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var forKnown = requestReset(person.email());
            var forUnknown = requestReset(unknown);
            assertThat(forUnknown).isEqualTo(forKnown);

            var requested = probe.await(e -> "coop.izek.membership.password-reset-requested.v1".equals(e.type())
                    && person.id().equals(e.subject()));
            assertThat(requested.body()).doesNotContain(person.email());
            var payload = json.readTree(requested.body());
            var token = links.sign("reset-password", person.id(), payload.get("resetId").asString(),
                    Instant.parse(payload.get("expiresAt").asString()));

            // Tokens carry whole seconds: the reset is made to come in a later second than the person's token.
            clock.advance(java.time.Duration.ofSeconds(2));
            newPassword(token, "Yeni-parola-2026").expectStatus().isNoContent();
            probe.await(e -> "coop.izek.membership.password-changed.v1".equals(e.type()) && person.id().equals(e.subject()));
            newPassword(token, "Baska-parola-2027").expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/link-invalid");
        }
        login(person.email(), Api.PASSWORD).expectStatus().isUnauthorized();
        login(person.email(), "Yeni-parola-2026").expectStatus().isOk();
        await().untilAsserted(() -> client.get().uri("/api/membership/people/me/dependants").header("Authorization", person.bearer())
                .exchange().expectStatus().isUnauthorized());
        clock.reset();
    }

    @Test
    void shouldChangeThePasswordOnlyForWhoeverKnowsTheCurrentOne() {
        var person = api.newPerson("Dikkatli Kişi");

        changePassword(person.bearer(), "Not-my-password-1", "Daha-iyi-parola-9").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/wrong-password");
        changePassword(person.bearer(), Api.PASSWORD, "Daha-iyi-parola-9").expectStatus().isNoContent();

        login(person.email(), "Daha-iyi-parola-9").expectStatus().isOk();
        login(person.email(), Api.PASSWORD).expectStatus().isUnauthorized();
    }

    /** bcrypt reads 72 bytes; a longer password is a clear 400 on every path, never a 500 or a silently cut one. */
    @Test
    void shouldRefuseAPasswordLongerThanBcryptReadsWithA400NamingTheField() {
        var longTurkish = "Şşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşş1";
        assertThat(longTurkish.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(72);
        client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", unique("long") + "@example.org", "password", longTurkish, "fullName", "Long"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        login(MembershipIntegrationTest.ADMIN_EMAIL, "a1".repeat(60)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        var person = api.newPerson("Uzun Parola");
        changePassword(person.bearer(), Api.PASSWORD, longTurkish).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");
    }

    @Test
    void shouldRejectWeakPasswordAsRuleViolation() {
        client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", unique("weak") + "@example.org", "password", "short1", "fullName", "Weak"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/weak-password");
    }

    @Test
    void shouldRejectBadEmailAndMissingFieldsWithFieldErrors() {
        client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "not-an-email", "password", "Long-enough-pass-1"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'fullName')]").exists();
    }

    @Test
    void shouldRejectUnsupportedLocale() {
        register(unique("locale") + "@example.org", "Hans", "de").expectStatus().isEqualTo(422);
    }

    @Test
    void shouldIssueAnAccessTokenForThePlatformOnLogin() throws Exception {
        var person = api.newPerson("Zeynep");

        @SuppressWarnings("unchecked")
        Map<String, Object> login = login(person.email().toUpperCase(), Api.PASSWORD).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(login).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);

        var jwt = SignedJWT.parse((String) login.get("access_token"));
        var jwks = JWKSet.parse(client.get().uri("/oauth2/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        var key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(person.id());
        assertThat(claims.getIssuer()).isEqualTo(MembershipIntegrationTest.ISSUER);
        assertThat(claims.getAudience()).containsExactly("izek-api");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void shouldRefuseWrongPasswordAndUnknownEmailAlike() {
        var person = api.newPerson("Fatma");

        login(person.email(), "Wrong-password-1").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The email or password is wrong.");
        login("nobody-" + person.email(), "Wrong-password-1").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The email or password is wrong.");
    }

    @Test
    void shouldBootstrapStaffAccountWithAdminRole() throws Exception {
        var login = login(MembershipIntegrationTest.ADMIN_EMAIL.toUpperCase(), MembershipIntegrationTest.ADMIN_PASSWORD).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        var claims = SignedJWT.parse((String) login.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    }

    private String linkFrom(ReceivedEvent requested) {
        var payload = json.readTree(requested.body());
        return links.sign("verify-email", payload.get("personId").asString(), payload.get("verificationId").asString(),
                Instant.parse(payload.get("expiresAt").asString()));
    }

    private String requestReset(String email) {
        return client.post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email))
                .exchange().expectStatus().isAccepted().expectBody(String.class).returnResult().getResponseBody();
    }

    private RestTestClient.ResponseSpec newPassword(String token, String password) {
        return client.post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", token, "newPassword", password)).exchange();
    }

    private RestTestClient.ResponseSpec changePassword(String bearer, String current, String next) {
        return client.post().uri("/api/auth/password").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).exchange();
    }

    private RestTestClient.ResponseSpec register(String email, String fullName, String locale) {
        var body = new java.util.HashMap<String, Object>(Map.of("email", email, "password", Api.PASSWORD, "fullName", fullName));
        if (locale != null) {
            body.put("locale", locale);
        }
        return client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private RestTestClient.ResponseSpec login(String email, String password) {
        return client.post().uri("/api/auth/login").header("X-Forwarded-For", Api.nextAddress()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password)).exchange();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
