package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import coop.izek.events.Topics;
import coop.izek.testsupport.EventProbe;
import coop.izek.membership.MembershipIntegrationTest;

@MembershipIntegrationTest
class AccountsIntegrationTest {

    @LocalServerPort
    int port;

    RestTestClient client;

    @BeforeEach
    void setUp() {
        client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void shouldRegisterPersonAndPublishPersonRegistered() {
        var email = unique("ayse") + "@example.org";
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var personId = register(email, "Ayşe Yılmaz", "en").expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("personId");

            var event = probe.await(e -> personId.equals(e.subject()));
            assertThat(event.type()).isEqualTo("coop.izek.membership.person-registered.v1");
            assertThat(event.key()).isEqualTo(personId);
            assertThat(event.body()).contains("\"email\":\"" + email + "\"", "\"fullName\":\"Ayşe Yılmaz\"", "\"locale\":\"en\"")
                    .doesNotContainIgnoringCase("password");
        }
    }

    @Test
    void shouldRefuseSecondAccountForSameEmailInAnyCase() {
        var email = unique("mehmet") + "@example.org";
        register(email, "Mehmet", null).expectStatus().isCreated();

        register(email.toUpperCase(), "Mehmet Again", null).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/email-taken");
    }

    @Test
    void shouldCreateExactlyOneAccountWhenRegistrationsRace() throws Exception {
        var email = unique("race") + "@example.org";
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

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
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
    void shouldIssueVerifiableTokenOnLogin() throws Exception {
        var email = unique("zeynep") + "@example.org";
        var personId = register(email, "Zeynep", "tr").expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("personId");

        @SuppressWarnings("unchecked")
        Map<String, Object> login = login(email.toUpperCase(), "Correct-horse-42").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(login).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);

        var jwt = SignedJWT.parse((String) login.get("access_token"));
        var jwks = JWKSet.parse(client.get().uri("/oauth2/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        var key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(personId);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(MembershipIntegrationTest.ISSUER);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void shouldRefuseWrongPasswordAndUnknownEmailAlike() {
        var email = unique("fatma") + "@example.org";
        register(email, "Fatma", "tr").expectStatus().isCreated();

        login(email, "Wrong-password-1").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The email or password is wrong.");
        login("nobody-" + email, "Wrong-password-1").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("The email or password is wrong.");
    }

    @Test
    void shouldBootstrapStaffAccountWithAdminRole() throws Exception {
        var login = login(MembershipIntegrationTest.ADMIN_EMAIL.toUpperCase(), MembershipIntegrationTest.ADMIN_PASSWORD).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        var claims = SignedJWT.parse((String) login.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
    }

    private RestTestClient.ResponseSpec register(String email, String fullName, String locale) {
        var body = new java.util.HashMap<String, Object>(Map.of("email", email, "password", "Correct-horse-42", "fullName", fullName));
        if (locale != null) {
            body.put("locale", locale);
        }
        return client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private RestTestClient.ResponseSpec login(String email, String password) {
        return client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password)).exchange();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
