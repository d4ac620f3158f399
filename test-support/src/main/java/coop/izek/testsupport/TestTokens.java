package coop.izek.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;

/**
 * Tokens shaped like membership-service's, for testing the other services without it: signed with a key whose
 * public half is served on a real local JWKS endpoint, so services validate them exactly as in production.
 */
public final class TestTokens {

    /** The issuer services expect by default. */
    public static final String ISSUER = "http://localhost:8080";
    /** The audience of platform access tokens. */
    public static final String AUDIENCE = "izek-api";

    private static TestTokens instance;

    private final RSAKey key;
    private final String jwkSetUri;

    private TestTokens() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID("test-key").algorithm(JWSAlgorithm.RS256).build();
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized TestTokens instance() {
        if (instance == null) {
            instance = new TestTokens();
        }
        return instance;
    }

    /** Where services fetch the keys of these tokens. */
    public static String jwkSetUri() {
        return instance().jwkSetUri;
    }

    /** A valid token for a person with a verified address and the given roles (ADMIN, MEMBER, EDUCATOR). */
    public static String forPerson(String personId, String... roles) {
        return TokenAttacks.sign(instance().key, instance().personClaims(personId, List.of(roles), true).build());
    }

    /** A verified person's token issued at {@code issuedAt} (to test what was revoked from a moment on). */
    public static String forPersonIssuedAt(String personId, Instant issuedAt, String... roles) {
        return TokenAttacks.sign(instance().key, instance().personClaims(personId, List.of(roles), true)
                .issueTime(Date.from(issuedAt)).build());
    }

    /** A verified person's token that expires at {@code expiresAt} (to test that an accepted token stops working then). */
    public static String forPersonExpiringAt(String personId, Instant expiresAt, String... roles) {
        return TokenAttacks.sign(instance().key, instance().personClaims(personId, List.of(roles), true)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15)))).expirationTime(Date.from(expiresAt)).build());
    }

    /**
     * What an outsider can make of {@code genuine} without the signing key ({@link TokenAttacks#withoutTheKey}): sent
     * after the genuine token was accepted, each must still reach the signature check.
     */
    public static java.util.Map<String, String> attacksWithoutTheKey(String genuine) {
        return TokenAttacks.withoutTheKey(genuine, instance().key.toPublicJWK());
    }

    /** A person who works for a partner organisation, as membership-service signs them (PARTNER_STAFF and {@code org}). */
    public static String forPartnerStaff(String personId, String organisationId) {
        return TokenAttacks.sign(instance().key, instance().personClaims(personId, List.of("PARTNER_STAFF"), true)
                .claim("org", organisationId).build());
    }

    /** A person who has not verified their email address yet. */
    public static String forUnverifiedPerson(String personId) {
        return TokenAttacks.sign(instance().key, instance().personClaims(personId, List.of(), false).build());
    }

    /** A partner organisation's client token. */
    public static String forPartner(String clientId, String organisationId) {
        var now = Instant.now();
        return TokenAttacks.sign(instance().key, new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(clientId)
                .issueTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("roles", List.of("PARTNER")).claim("org", organisationId).claim("client_id", clientId).build());
    }

    /**
     * Forged, expired, misdirected and otherwise unacceptable tokens for {@code personId} (see {@link TokenAttacks}), each
     * of which a service must answer with 401 where {@link #forPerson} with the same roles would pass.
     */
    public static java.util.Map<String, String> attacksOn(String personId, String... roles) {
        return TokenAttacks.on(instance().key, instance().personClaims(personId, List.of(roles), true).build());
    }

    private JWTClaimsSet.Builder personClaims(String subject, List<String> roles, boolean verified) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now.minusSeconds(1))).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("roles", roles).claim("email_verified", verified);
    }
}
