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

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Tokens shaped like membership-service's, for testing the other services without it: signed with a key whose
 * public half is served on a real local JWKS endpoint, so services validate them exactly as in production.
 */
public final class TestTokens {

    /** The issuer services expect by default. */
    public static final String ISSUER = "http://localhost:8080";

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

    /** A valid token for a person with the given roles (ADMIN, MEMBER, EDUCATOR, PARTNER). */
    public static String forPerson(String personId, String... roles) {
        return instance().sign(personId, List.of(roles), null, Duration.ofMinutes(15));
    }

    /** A partner organisation's client token. */
    public static String forPartner(String clientId, String organisationId) {
        return instance().sign(clientId, List.of("PARTNER"), organisationId, Duration.ofMinutes(15));
    }

    /** A token that expired a minute ago. */
    public static String expiredFor(String personId) {
        return instance().sign(personId, List.of(), null, Duration.ofMinutes(-1));
    }

    private String sign(String subject, List<String> roles, String organisationId, Duration lifetime) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plus(lifetime))).claim("roles", roles);
        if (organisationId != null) {
            claims.claim("org", organisationId);
        }
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
