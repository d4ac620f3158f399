package coop.izek.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    final String masterKey = Secrets.newMasterKey();
    final Secrets secrets = Secrets.load(new SecretsProperties(masterKey, Path.of("unused"), List.of()));

    @Test
    void shouldEncryptSoThatTheStoreAloneRevealsNothing() {
        var stored = secrets.encrypt("signing-keys", "{\"d\":\"private-part\"}");

        assertThat(stored).startsWith("enc:v1:").doesNotContain("private-part");
        assertThat(secrets.decrypt("signing-keys", stored)).isEqualTo("{\"d\":\"private-part\"}");
        assertThat(secrets.encrypt("signing-keys", "same")).isNotEqualTo(secrets.encrypt("signing-keys", "same"));
    }

    @Test
    void shouldRefuseToDecryptUnderAnotherPurposeOrAnotherMasterKey() {
        var stored = secrets.encrypt("webhook-secrets", "whsec_abc");
        var other = Secrets.load(new SecretsProperties(Secrets.newMasterKey(), Path.of("unused"), List.of()));

        assertThatThrownBy(() -> secrets.decrypt("signing-keys", stored)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> other.decrypt("webhook-secrets", stored)).isInstanceOf(IllegalStateException.class);
        var tampered = stored.substring(0, stored.length() - 3) + (stored.endsWith("AAA") ? "BBB" : "AAA");
        assertThatThrownBy(() -> secrets.decrypt("webhook-secrets", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStillReadWhatAPreviousMasterKeyWroteAfterARotation() {
        var stored = secrets.encrypt("webhook-secrets", "whsec_abc");
        var rotated = Secrets.load(new SecretsProperties(Secrets.newMasterKey(), Path.of("unused"), List.of(masterKey)));

        assertThat(rotated.decrypt("webhook-secrets", stored)).isEqualTo("whsec_abc");
        assertThat(rotated.isCurrent(stored)).isFalse();
        assertThat(rotated.isCurrent(rotated.encrypt("webhook-secrets", "whsec_abc"))).isTrue();
    }

    @Test
    void shouldDeriveDifferentKeysPerPurposeAndTheSameOnEveryInstance() {
        var again = Secrets.load(new SecretsProperties(masterKey, Path.of("unused"), List.of()));

        assertThat(secrets.key("email-links")).isEqualTo(again.key("email-links")).hasSize(32).isNotEqualTo(secrets.key("signing-keys"));
    }

    @Test
    void shouldCreateAMissingKeyFileReadableByItsOwnerOnlyAndReuseIt(@TempDir Path folder) throws Exception {
        var file = folder.resolve("keys").resolve("master.key");

        var first = Secrets.load(new SecretsProperties(null, file, List.of()));
        var second = Secrets.load(new SecretsProperties("", file, List.of()));

        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(file.getParent())).doesNotContain(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_READ);
        assertThat(second.decrypt("x", first.encrypt("x", "kept"))).isEqualTo("kept");
    }

    @Test
    void shouldSignLinksThatOnlyTheKeyHolderCanMakeForOnePurposeUntilTheyExpire() {
        var links = new SignedLinks(secrets);
        var now = Instant.parse("2026-12-01T10:00:00Z");
        var token = links.sign("verify-email", "p-1", "nonce-1", now.plusSeconds(3600));

        assertThat(links.verify(token, "verify-email", now)).get().satisfies(link -> {
            assertThat(link.subject()).isEqualTo("p-1");
            assertThat(link.nonce()).isEqualTo("nonce-1");
        });
        assertThat(links.verify(token, "reset-password", now)).isEmpty();
        assertThat(links.verify(token, "verify-email", now.plusSeconds(3600))).isEmpty();
        var forged = new SignedLinks(Secrets.load(new SecretsProperties(Secrets.newMasterKey(), Path.of("unused"), List.of())))
                .sign("verify-email", "p-1", "nonce-1", now.plusSeconds(3600));
        assertThat(links.verify(forged, "verify-email", now)).isEmpty();
        var parts = token.split("\\.");
        var otherSubject = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("verify-email|p-2|nonce-1|" + now.plusSeconds(3600).getEpochSecond()).getBytes());
        assertThat(links.verify(otherSubject + "." + parts[1], "verify-email", now)).isEmpty();
        assertThat(links.verify("garbage", "verify-email", now)).isEmpty();
        assertThat(links.verify("a.b.c", "verify-email", now)).isEmpty();
    }
}
