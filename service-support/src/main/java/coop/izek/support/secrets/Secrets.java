package coop.izek.support.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key and what is derived from it: a key per purpose (HKDF-SHA256), and AES-256-GCM encryption of the
 * secrets a service stores. Anyone who can read the store alone learns nothing that signs a token or a webhook.
 * <p>
 * Stored form: {@code enc:v1:<key id>:<base64 of nonce and ciphertext>}; the key id names the master key, so after a
 * rotation values written under a previous key are still read and can be written again under the current one.
 */
public final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    private static final String PREFIX = "enc:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record MasterKey(String id, byte[] bytes) {
    }

    private final MasterKey current;
    private final List<MasterKey> all;

    private Secrets(byte[] current, List<byte[]> previous) {
        this.current = master(current);
        var keys = new ArrayList<MasterKey>();
        keys.add(this.current);
        previous.forEach(p -> keys.add(master(p)));
        this.all = List.copyOf(keys);
    }

    /** From the configuration: the key given, else the key file, which is created (owner-only) when missing. */
    public static Secrets load(SecretsProperties properties) {
        var previous = properties.previousMasterKeys().stream().filter(k -> !k.isBlank()).map(Secrets::decodeKey).toList();
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return new Secrets(decodeKey(properties.masterKey()), previous);
        }
        return new Secrets(readOrCreate(properties.masterKeyFile()), previous);
    }

    /** A fresh random master key in its configured form (base64), e.g. for {@code IZEK_MASTER_KEY}. */
    public static String newMasterKey() {
        var key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The key for one purpose ("email-links", "signing-keys", ...), the same on every instance with the same master key. */
    public byte[] key(String purpose) {
        return derive(current.bytes(), purpose);
    }

    /** Keys for {@code purpose} under every master key known, the current one first (to check what older keys made). */
    public List<byte[]> keysForReading(String purpose) {
        return all.stream().map(m -> derive(m.bytes(), purpose)).toList();
    }

    /**
     * A keyed fingerprint (HMAC-SHA256, hex) of {@code value} for {@code purpose}: equal values give equal
     * fingerprints on every instance, and nobody without the master key can tell which value made one.
     */
    public String fingerprint(String purpose, String value) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(purpose), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String purpose, String plaintext) {
        try {
            var nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(current.bytes(), purpose), "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            var out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    /** The plaintext of what {@link #encrypt} stored, under whichever known master key it was written. */
    public String decrypt(String purpose, String stored) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        var parts = stored.substring(PREFIX.length()).split(":", 2);
        var master = all.stream().filter(m -> m.id().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalStateException("A secret was stored under master key " + parts[0]
                        + ", which is not configured (IZEK_MASTER_KEY or izek.secrets.previous-master-keys)"));
        try {
            var data = Base64.getDecoder().decode(parts[1]);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(master.bytes(), purpose), "AES"),
                    new GCMParameterSpec(128, data, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted (wrong master key or damaged value)", e);
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether it was written under the current master key (else it should be written again). */
    public boolean isCurrent(String stored) {
        return isEncrypted(stored) && stored.startsWith(PREFIX + current.id() + ":");
    }

    static byte[] derive(byte[] master, String purpose) {
        try {
            // HKDF (RFC 5869) with an empty salt: extract, then one block of expand, which is all 32 bytes need.
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[KEY_BYTES], "HmacSHA256"));
            var prk = mac.doFinal(master);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MasterKey master(byte[] bytes) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new MasterKey(HexFormat.of().formatHex(digest, 0, 4), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key is not base64 (32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The master key must be 32 bytes, not " + key.length);
        }
        return key;
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                var parent = file.toAbsolutePath().getParent();
                if (parent != null && !Files.exists(parent)) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                // Written whole under another name, then linked into place: an instance starting alongside never reads a
                // half-written key, and of two that race, the second finds the first one's key.
                var temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".master-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, newMasterKey() + "\n");
                    Files.createLink(file, temporary);
                    log.warn("Generated a new master key in {}: keep it, and back it up apart from the store", file.toAbsolutePath());
                } catch (FileAlreadyExistsException anotherInstanceWasFaster) {
                    // read below what the other instance wrote
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return decodeKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file.toAbsolutePath(), e);
        }
    }
}
