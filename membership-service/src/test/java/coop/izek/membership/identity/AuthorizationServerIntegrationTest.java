package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

import com.mongodb.client.model.Filters;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;

@MembershipIntegrationTest
class AuthorizationServerIntegrationTest {

    static final String PORTAL_CALLBACK = "http://localhost/portal/callback";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SigningKeys keys;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPublishDiscoveryDocumentForTheIssuer() {
        api.client().get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(MembershipIntegrationTest.ISSUER)
                .jsonPath("$.token_endpoint").isEqualTo(MembershipIntegrationTest.ISSUER + "/oauth2/token")
                .jsonPath("$.jwks_uri").isEqualTo(MembershipIntegrationTest.ISSUER + "/oauth2/jwks")
                .jsonPath("$.grant_types_supported").value(grants -> assertThat((List<Object>) grants)
                        .contains("authorization_code", "client_credentials"))
                .jsonPath("$.code_challenge_methods_supported[0]").isEqualTo("S256");
    }

    @Test
    void shouldIssuePartnerTokenCarryingItsOrganisationForClientCredentials() throws Exception {
        var organisationId = registerOrganisation("Gmina Kraków");
        var credentials = issueClient(organisationId);

        var token = clientCredentialsToken(credentials.get("clientId"), credentials.get("clientSecret"));

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(credentials.get("clientId"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
        assertThat(claims.getStringClaim("org")).isEqualTo(organisationId);
        assertThat(claims.getIssuer()).isEqualTo(MembershipIntegrationTest.ISSUER);
    }

    @Test
    void shouldStoreOnlyAHashOfTheClientSecret() {
        var credentials = issueClient(registerOrganisation("İzmir Büyükşehir Belediyesi"));

        var stored = mongo.getCollection("api_clients").find(Filters.eq("_id", credentials.get("clientId"))).first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(credentials.get("clientSecret"));
        assertThat(stored.getString("secretHash")).startsWith("{bcrypt}");
    }

    @Test
    void shouldRefuseClientCredentialsWithWrongSecret() throws Exception {
        var credentials = issueClient(registerOrganisation("Dokuz Eylül Üniversitesi"));

        var response = tokenRequest(credentials.get("clientId"), "not-the-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void shouldLetAPartnerSeeOnlyItsOwnOrganisation() throws Exception {
        var own = registerOrganisation("GLOKAL Cluster");
        var other = registerOrganisation("Another Body");
        var credentials = issueClient(own);
        var bearer = "Bearer " + clientCredentialsToken(credentials.get("clientId"), credentials.get("clientSecret"));

        api.client().get().uri("/api/membership/organisations/{id}", own).header("Authorization", bearer).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("GLOKAL Cluster");
        api.client().get().uri("/api/membership/organisations/{id}", other).header("Authorization", bearer).exchange()
                .expectStatus().isNotFound();
        api.client().post().uri("/api/membership/organisations").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Sneaky", "country", "PL", "type", "NGO", "contactEmail", "x@y.pl"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldSignInThroughTheCodeFlowWithPkce() throws Exception {
        var person = api.newPerson("Kerem Aydın");
        var verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(("verifier-" + person.id()).repeat(2).getBytes());
        var challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        var authorize = "/oauth2/authorize?response_type=code&client_id=izek-portal&scope=openid%20profile&state=s1"
                + "&redirect_uri=" + encode(PORTAL_CALLBACK) + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        var toLogin = browser.send(get(authorize).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        var page = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        var csrf = matchOne(page.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        var signedIn = browser.send(post("/login", "username=" + encode(person.email()) + "&password=" + encode(Api.PASSWORD)
                + "&_csrf=" + encode(csrf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        var backToAuthorize = signedIn.headers().firstValue("Location").orElseThrow();
        var toPortal = browser.send(HttpRequest.newBuilder(URI.create(backToAuthorize.startsWith("http") ? backToAuthorize
                : base() + backToAuthorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
        var callback = toPortal.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(PORTAL_CALLBACK).contains("state=s1");
        var code = matchOne(callback, "code=([^&]+)");

        var tokens = HttpClient.newHttpClient().send(post("/oauth2/token", "grant_type=authorization_code&client_id=izek-portal"
                + "&code=" + code + "&redirect_uri=" + encode(PORTAL_CALLBACK) + "&code_verifier=" + verifier).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(tokens.statusCode()).isEqualTo(200);
        var accessToken = matchOne(tokens.body(), "\"access_token\":\"([^\"]+)\"");
        var claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(person.id());
        assertThat(claims.getStringClaim("name")).isEqualTo("Kerem Aydın");
        assertThat(claims.getStringListClaim("roles")).isEmpty();
        assertThat(tokens.body()).contains("\"id_token\"");
    }

    @Test
    void shouldLockSignInAfterRepeatedFailures() {
        var person = api.newPerson("Guessed Person");
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            login(person.email(), "Wrong-password-" + i).expectStatus().isUnauthorized();
        }

        login(person.email(), Api.PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-sign-in-attempts")
                .jsonPath("$.retryAfterSeconds").exists();
    }

    @Test
    void shouldKeepAcceptingTokensSignedBeforeARotation() throws Exception {
        var before = api.adminToken();
        var oldKey = SignedJWT.parse(before).getHeader().getKeyID();

        var newKey = (String) api.client().post().uri("/api/membership/admin/signing-keys/rotation")
                .header("Authorization", "Bearer " + before).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("keyId");
        var after = api.adminToken();

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKey).isNotEqualTo(oldKey);
        api.client().get().uri("/oauth2/jwks").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.keys[?(@.kid == '" + oldKey + "')]").exists()
                .jsonPath("$.keys[?(@.kid == '" + newKey + "')]").exists()
                .jsonPath("$.keys[0].d").doesNotExist();
        for (var token : List.of(before, after)) {
            api.client().get().uri("/api/membership/organisations").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk();
        }
        api.client().post().uri("/api/membership/admin/signing-keys/rotation")
                .header("Authorization", api.newPerson("Not Staff").bearer()).exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldRejectExpiredAndTamperedTokens() throws Exception {
        var valid = api.adminToken();
        var claims = SignedJWT.parse(valid).getJWTClaimsSet();
        var expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.current().getKeyID()).build(),
                new JWTClaimsSet.Builder(claims).issueTime(Date.from(Instant.now().minusSeconds(3600)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(1800))).build());
        expired.sign(new RSASSASigner(keys.current()));
        var parts = valid.split("\\.");
        var forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWTClaimsSet.Builder(claims).subject("someone-else").build().toString().getBytes(StandardCharsets.UTF_8));
        var tampered = parts[0] + "." + forgedClaims + "." + parts[2];

        for (var token : List.of(expired.serialize(), tampered)) {
            api.client().get().uri("/api/membership/organisations").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec login(String email, String password) {
        return api.client().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password)).exchange();
    }

    private String registerOrganisation(String name) {
        return (String) api.client().post().uri("/api/membership/organisations")
                .header("Authorization", "Bearer " + api.adminToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "country", "PL", "type", "CLUSTER", "contactEmail", "office@example.pl"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organisationId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> issueClient(String organisationId) {
        return api.client().post().uri("/api/membership/organisations/{id}/api-clients", organisationId)
                .header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private String clientCredentialsToken(String clientId, String secret) throws Exception {
        var response = tokenRequest(clientId, secret, "grant_type=client_credentials");
        assertThat(response.statusCode()).isEqualTo(200);
        return matchOne(response.body(), "\"access_token\":\"([^\"]+)\"");
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret, String form) throws Exception {
        var basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(post("/oauth2/token", form).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET();
    }

    private HttpRequest.Builder post(String path, String form) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String matchOne(String text, String regex) {
        var matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group(1);
    }

}
