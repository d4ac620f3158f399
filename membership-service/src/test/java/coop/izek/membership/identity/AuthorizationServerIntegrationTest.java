package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
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
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.jwt.SignedJWT;

import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.TokenAttacks;

@MembershipIntegrationTest
class AuthorizationServerIntegrationTest {

    static final String PORTAL_CALLBACK = "http://localhost/portal/callback";

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SigningKeys keys;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
    }

    /** Read by a standard OpenID client library: it must parse, and promise only what works. */
    @Test
    void shouldPublishADiscoveryDocumentThatPromisesOnlyWhatWorks() throws Exception {
        var body = api.client().get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        var metadata = OIDCProviderMetadata.parse(body);
        assertThat(metadata.getIssuer().getValue()).isEqualTo(MembershipIntegrationTest.ISSUER);
        assertThat(metadata.getTokenEndpointURI()).hasToString(MembershipIntegrationTest.ISSUER + "/oauth2/token");
        assertThat(metadata.getJWKSetURI()).hasToString(MembershipIntegrationTest.ISSUER + "/oauth2/jwks");
        assertThat(metadata.getGrantTypes()).extracting(GrantType::getValue).containsExactlyInAnyOrder("authorization_code", "client_credentials");
        assertThat(metadata.getCodeChallengeMethods()).extracting(Object::toString).containsExactly("S256");
        assertThat(metadata.getIntrospectionEndpointURI()).hasToString(MembershipIntegrationTest.ISSUER + "/oauth2/introspect");
        assertThat(metadata.getRevocationEndpointURI()).isNull();
        assertThat(metadata.getTokenEndpointAuthMethods()).extracting(Object::toString)
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
        assertThat(body).doesNotContain("refresh_token", "token-exchange", "device_code", "dpop");
        var oauthMetadata = api.client().get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(oauthMetadata).doesNotContain("refresh_token", "revocation_endpoint", "token-exchange");
    }

    /** The cooperative is an organisation of its own, under the id every service knows it by. */
    @Test
    void shouldKnowTheCooperativeAsAnOrganisationFromTheStart() {
        api.client().get().uri("/api/membership/organisations/izek").header("Authorization", "Bearer " + api.adminToken()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.type").isEqualTo("COOPERATIVE")
                .jsonPath("$.country").isEqualTo("TR")
                .jsonPath("$.name").isEqualTo("İZEK İzmir Eğitim Kooperatifi");
    }

    /** RFC 7662 through the standard client: a partner's fresh token is active, exactly as every API takes it. */
    @Test
    void shouldIntrospectTokensAsTheApisSeeThem() throws Exception {
        var organisationId = api.registerOrganisation("Uniwersytet Łódzki");
        var credentials = issueClient(organisationId);
        var other = issueClient(api.registerOrganisation("Another University"));
        var token = clientCredentialsToken(credentials.get("clientId"), credentials.get("clientSecret"));

        var active = introspect(credentials, token);
        assertThat(active.isActive()).isTrue();
        assertThat(active.getSubject().getValue()).isEqualTo(credentials.get("clientId"));
        assertThat(active.getClientID().getValue()).isEqualTo(credentials.get("clientId"));
        assertThat(active.getIssuer().getValue()).isEqualTo(MembershipIntegrationTest.ISSUER);
        assertThat(active.getStringParameter("org")).isEqualTo(organisationId);

        assertThat(introspect(other, token).isActive()).as("another client's token").isFalse();
        assertThat(introspect(credentials, "not-a-token").isActive()).isFalse();
        assertThat(introspect(credentials, api.adminToken()).isActive()).as("a person's token").isFalse();
        for (var attack : TokenAttacks.on(keys.current(), SignedJWT.parse(token).getJWTClaimsSet()).entrySet()) {
            assertThat(introspect(credentials, attack.getValue()).isActive()).as(attack.getKey()).isFalse();
        }
    }

    /** Tokens are not revoked one by one, so the endpoint says so (RFC 7009) and discovery does not offer it. */
    @Test
    void shouldSayThatSingleTokensCannotBeRevoked() throws Exception {
        var credentials = issueClient(api.registerOrganisation("Revoking Body"));
        var token = clientCredentialsToken(credentials.get("clientId"), credentials.get("clientSecret"));

        var response = tokenRequest("/oauth2/revoke", credentials.get("clientId"), credentials.get("clientSecret"), "token=" + token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unsupported_token_type");
    }

    @Test
    void shouldIssuePartnerTokenCarryingItsOrganisationForClientCredentials() throws Exception {
        var organisationId = api.registerOrganisation("Gmina Kraków");
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
        var credentials = issueClient(api.registerOrganisation("İzmir Büyükşehir Belediyesi"));

        var stored = mongo.getCollection("api_clients").find(Filters.eq("_id", credentials.get("clientId"))).first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(credentials.get("clientSecret"));
        assertThat(stored.getString("secretHash")).startsWith("{bcrypt}");
    }

    @Test
    void shouldRefuseClientCredentialsWithWrongSecret() throws Exception {
        var credentials = issueClient(api.registerOrganisation("Dokuz Eylül Üniversitesi"));

        var response = tokenRequest("/oauth2/token", credentials.get("clientId"), "not-the-secret", "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void shouldAnswerAnApiClientWithoutCredentials401AndSendOnlyBrowsersToTheSignInPage() throws Exception {
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        var api = client.send(post("/oauth2/token", "grant_type=client_credentials").build(), HttpResponse.BodyHandlers.ofString());
        var browser = client.send(HttpRequest.newBuilder(URI.create(base() + "/userinfo")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValue(MembershipIntegrationTest.ISSUER + "/login");
    }

    @Test
    void shouldLetAPartnerSeeOnlyItsOwnOrganisation() throws Exception {
        var own = api.registerOrganisation("GLOKAL Cluster");
        var other = api.registerOrganisation("Another Body");
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
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).isEqualTo(MembershipIntegrationTest.ISSUER + "/login");
        var page = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        var csrf = matchOne(page.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        var signedIn = browser.send(post("/login", "username=" + encode(person.email()) + "&password=" + encode(Api.PASSWORD)
                + "&_csrf=" + encode(csrf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        var backToAuthorize = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(backToAuthorize).startsWith(MembershipIntegrationTest.ISSUER + "/oauth2/authorize");
        // The issuer is the platform's public address; this test talks to the service directly.
        var toPortal = browser.send(HttpRequest.newBuilder(URI.create(backToAuthorize.replace(MembershipIntegrationTest.ISSUER, base())))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
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
        assertThat(claims.getAudience()).containsExactly("izek-api");
        assertThat(SignedJWT.parse(accessToken).getHeader().getType().getType()).isEqualTo("at+jwt");
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", "Bearer " + accessToken).exchange()
                .expectStatus().isOk();
        // The ID token is signed by the same key for the same issuer, but it is not an access token.
        var idToken = matchOne(tokens.body(), "\"id_token\":\"([^\"]+)\"");
        api.client().get().uri("/api/membership/people/me/dependants").header("Authorization", "Bearer " + idToken).exchange()
                .expectStatus().isUnauthorized();
    }

    /** With Host: evil.example, the browser is still sent to the platform's own sign-in page. */
    @Test
    void shouldBuildEveryBrowserRedirectFromTheIssuerNotFromTheHostHeader() throws Exception {
        var authorize = "/oauth2/authorize?response_type=code&client_id=izek-portal&scope=openid&state=s2"
                + "&redirect_uri=" + encode(PORTAL_CALLBACK) + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256";
        // java.net.http refuses to send a Host header of one's own: a raw request says exactly what a client may send.
        for (var path : List.of(authorize, "/login?logout")) {
            var response = rawGet(path, "evil.example");
            assertThat(response).as(path).doesNotContain("evil.example");
        }
        var toLogin = rawGet(authorize, "evil.example");
        assertThat(toLogin).startsWith("HTTP/1.1 302").contains("Location: " + MembershipIntegrationTest.ISSUER + "/login");
    }

    @Test
    void shouldListAndRevokeAPartnersApiClientsEndingTheirTokensEverywhere() throws Exception {
        var organisationId = api.registerOrganisation("Gmina Wrocław");
        var kept = issueClient(organisationId);
        var revoked = issueClient(organisationId);
        var token = clientCredentialsToken(revoked.get("clientId"), revoked.get("clientSecret"));
        var admin = "Bearer " + api.adminToken();
        api.client().get().uri("/api/membership/organisations/{id}", organisationId).header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk();

        api.client().delete().uri("/api/membership/organisations/{id}/api-clients/{client}", organisationId, revoked.get("clientId"))
                .header("Authorization", admin).exchange().expectStatus().isNoContent();

        await().untilAsserted(() -> api.client().get().uri("/api/membership/organisations/{id}", organisationId)
                .header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized());
        assertThat(tokenRequest("/oauth2/token", revoked.get("clientId"), revoked.get("clientSecret"), "grant_type=client_credentials")
                .statusCode()).isEqualTo(401);
        assertThat(clientCredentialsToken(kept.get("clientId"), kept.get("clientSecret"))).isNotBlank();
        var listing = api.client().get().uri("/api/membership/organisations/{id}/api-clients", organisationId).header("Authorization", admin)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).contains(kept.get("clientId"), revoked.get("clientId"), "\"active\":false", "\"active\":true")
                .doesNotContain(kept.get("clientSecret")).doesNotContain("secretHash").doesNotContain("bcrypt");
        api.client().get().uri("/api/membership/organisations/{id}/api-clients", organisationId)
                .header("Authorization", "Bearer " + clientCredentialsToken(kept.get("clientId"), kept.get("clientSecret"))).exchange()
                .expectStatus().isForbidden();
        api.client().delete().uri("/api/membership/organisations/{id}/api-clients/{client}", api.registerOrganisation("Other"), kept.get("clientId"))
                .header("Authorization", admin).exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldKeepAcceptingTokensSignedBeforeARotation() throws Exception {
        var before = api.adminToken();
        var oldKey = SignedJWT.parse(before).getHeader().getKeyID();

        var newKey = (String) api.client().post().uri("/api/membership/admin/signing-keys/rotation")
                .header("Authorization", "Bearer " + before).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("keyId");
        var after = api.token(MembershipIntegrationTest.ADMIN_EMAIL, MembershipIntegrationTest.ADMIN_PASSWORD);

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
        // Whoever reads the store alone cannot sign: every key is there only encrypted under the master key.
        for (var stored : mongo.getCollection("signing_keys").find()) {
            assertThat(stored.getString("jwk")).startsWith("enc:v1:").doesNotContain("\"d\"").doesNotContain("\"kty\"");
        }
    }

    /** Each forged token reaches the check it is about (its payload parses), with this service's own signing key. */
    @Test
    void shouldRefuseEveryForgedExpiredOrMisdirectedToken() throws Exception {
        var valid = api.adminToken();
        api.client().get().uri("/api/membership/organisations").header("Authorization", "Bearer " + valid).exchange().expectStatus().isOk();

        TokenAttacks.on(keys.current(), SignedJWT.parse(valid).getJWTClaimsSet()).forEach((attack, token) ->
                api.client().get().uri("/api/membership/organisations").header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().value(status -> assertThat(status).as(attack).isEqualTo(401))
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }


    @SuppressWarnings("unchecked")
    private Map<String, String> issueClient(String organisationId) {
        return api.client().post().uri("/api/membership/organisations/{id}/api-clients", organisationId)
                .header("Authorization", "Bearer " + api.adminToken())
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private String clientCredentialsToken(String clientId, String secret) throws Exception {
        var response = tokenRequest("/oauth2/token", clientId, secret, "grant_type=client_credentials");
        assertThat(response.statusCode()).isEqualTo(200);
        return matchOne(response.body(), "\"access_token\":\"([^\"]+)\"");
    }

    private HttpResponse<String> tokenRequest(String endpoint, String clientId, String secret, String form) throws Exception {
        var basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(post(endpoint, form).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Introspection as a standard client library asks and reads it. */
    private TokenIntrospectionSuccessResponse introspect(Map<String, String> client, String token) throws Exception {
        var request = new TokenIntrospectionRequest(URI.create(base() + "/oauth2/introspect"),
                new ClientSecretBasic(new ClientID(client.get("clientId")), new Secret(client.get("clientSecret"))),
                new TypelessAccessToken(token));
        return TokenIntrospectionResponse.parse(request.toHTTPRequest().send()).toSuccessResponse();
    }

    private String rawGet(String path, String host) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
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
