package coop.izek.support.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for links sent by email (verify an address, reset a password): what the link is for, whom it is about, a
 * one-time nonce the owning service keeps, and when it expires, signed with HMAC-SHA256 under a key derived from
 * the master key. The service that renders the mail signs; the one that owns the account checks, and accepts a nonce
 * once. Events carry only the nonce, which is worthless without the key.
 */
public final class SignedLinks {

    /** What a valid token said. */
    public record Link(String purpose, String subject, String nonce, Instant expiresAt) {
    }

    static final String KEY_PURPOSE = "email-links";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Secrets secrets;

    public SignedLinks(Secrets secrets) {
        this.secrets = secrets;
    }

    public String sign(String purpose, String subject, String nonce, Instant expiresAt) {
        var payload = String.join("|", purpose, subject, nonce, Long.toString(expiresAt.getEpochSecond()));
        var bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(secrets.key(KEY_PURPOSE), bytes));
    }

    /** The link, if the token is well-formed, signed by a known key, for this purpose and not expired at {@code now}. */
    public Optional<Link> verify(String token, String purpose, Instant now) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        var dot = token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean signed = false;
        for (var key : secrets.keysForReading(KEY_PURPOSE)) {
            signed |= MessageDigest.isEqual(mac(key, payload), signature);
        }
        if (!signed) {
            return Optional.empty();
        }
        var parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(purpose)) {
            return Optional.empty();
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new Link(parts[0], parts[1], parts[2], expiresAt));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
