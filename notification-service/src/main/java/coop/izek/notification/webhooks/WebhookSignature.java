package coop.izek.notification.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How deliveries are signed: the Standard Webhooks specification (standardwebhooks.com), so partners verify them with
 * its published libraries. A secret is {@code whsec_} followed by the base64 of the key; the signature is the base64 of
 * HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as {@code webhook-signature: v1,<base64>},
 * one entry per valid secret (two while a rotated secret's grace period lasts), space-separated.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** A fresh secret: 32 random bytes, as {@code whsec_<base64>}. */
    static String newSecret(java.security.SecureRandom random) {
        var key = new byte[32];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value: a {@code v1,} signature for each secret. */
    public static String sign(List<String> secrets, String messageId, long timestamp, String body) {
        return secrets.stream().map(secret -> "v1," + signature(secret, messageId, timestamp, body)).collect(Collectors.joining(" "));
    }

    private static String signature(String secret, String messageId, long timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The HMAC key a secret stands for. Secrets issued before the standard format were URL-safe base64 without padding;
     * a standard one (32 bytes) always ends in {@code =}.
     */
    static byte[] key(String secret) {
        var encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return encoded.endsWith("=") ? Base64.getDecoder().decode(encoded) : Base64.getUrlDecoder().decode(encoded);
    }
}
