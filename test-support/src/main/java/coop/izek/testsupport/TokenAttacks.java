package coop.izek.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens a service must refuse, built so that each reaches the check it is about: the payload of a forged token is
 * valid JSON with plausible claims, so a decoder that skipped the signature would accept it. Given the real signing
 * key and the claims of an acceptable access token, {@link #on} returns, by name:
 * <ul>
 *   <li>{@code changed-claims}: the real header and signature over a payload whose roles and subject were changed;</li>
 *   <li>{@code other-key}: the same claims signed by another RSA key under the same key id;</li>
 *   <li>{@code alg-none}: unsigned, {@code alg: none};</li>
 *   <li>{@code hmac-with-public-key}: HS256 keyed with the public key (the classic algorithm confusion);</li>
 *   <li>{@code wrong-issuer}, {@code wrong-audience}: properly signed for someone else;</li>
 *   <li>{@code expired}: properly signed, expired ten minutes ago, well past any clock skew allowed;</li>
 *   <li>{@code id-token}: properly signed, shaped like an OpenID ID token ({@code typ: JWT}, audience the portal).</li>
 * </ul>
 */
public final class TokenAttacks {

    private TokenAttacks() {
    }

    /** Signs as the platform signs access tokens: RS256, {@code typ: at+jwt}, the key's id. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, claims, new JOSEObjectType("at+jwt"));
    }

    public static Map<String, String> on(RSAKey key, JWTClaimsSet valid) {
        var attacks = new LinkedHashMap<String, String>();
        var genuine = sign(key, valid).split("\\.");
        var changed = new JWTClaimsSet.Builder(valid).subject("someone-else").claim("roles", List.of("ADMIN")).build();
        attacks.put("changed-claims", genuine[0] + "." + base64(changed.toString()) + "." + genuine[2]);
        attacks.put("other-key", sign(otherKeyWithId(key.getKeyID()), valid));
        attacks.put("alg-none", base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + base64(valid.toString()) + ".");
        attacks.put("hmac-with-public-key", hmacWithPublicKey(key, valid));
        attacks.put("wrong-issuer", sign(key, new JWTClaimsSet.Builder(valid).issuer("http://evil.example").build()));
        attacks.put("wrong-audience", sign(key, new JWTClaimsSet.Builder(valid).audience("someone-elses-api").build()));
        var now = Instant.now();
        attacks.put("expired", sign(key, new JWTClaimsSet.Builder(valid).issueTime(Date.from(now.minusSeconds(1500)))
                .expirationTime(Date.from(now.minusSeconds(600))).build()));
        attacks.put("id-token", sign(key, new JWTClaimsSet.Builder(valid).audience("izek-portal").build(), JOSEObjectType.JWT));
        return attacks;
    }

    /**
     * The attacks an outsider can make on a genuine token without the signing key (from outside the platform, as an
     * end-to-end test does): changed claims under the real signature, {@code alg: none}, another key under the real
     * key id, and HS256 keyed with the published public key.
     */
    public static Map<String, String> withoutTheKey(String genuine, RSAKey publishedPublicKey) {
        try {
            var claims = SignedJWT.parse(genuine).getJWTClaimsSet();
            var parts = genuine.split("\\.");
            var attacks = new LinkedHashMap<String, String>();
            var changed = new JWTClaimsSet.Builder(claims).subject("someone-else").claim("roles", List.of("ADMIN")).build();
            attacks.put("changed-claims", parts[0] + "." + base64(changed.toString()) + "." + parts[2]);
            attacks.put("alg-none", base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".");
            attacks.put("other-key", sign(otherKeyWithId(publishedPublicKey.getKeyID()), claims));
            attacks.put("hmac-with-public-key", hmacWithPublicKey(publishedPublicKey, claims));
            return attacks;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("Not a JWT", e);
        }
    }

    private static String sign(RSAKey key, JWTClaimsSet claims, JOSEObjectType type) {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String hmacWithPublicKey(RSAKey key, JWTClaimsSet claims) {
        try {
            var secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
            var padded = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new MACSigner(padded));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey otherKeyWithId(String keyId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).algorithm(JWSAlgorithm.RS256).build();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
