package coop.izek.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void shouldMakeFoldersOwnerOnlyEvenWhenTheyExistedOpen() throws Exception {
        var open = Files.createDirectory(temp.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        PrivateFiles.folder(open);
        PrivateFiles.folder(temp.resolve("new").resolve("nested"));

        assertThat(mode(open)).isEqualTo("rwx------");
        assertThat(mode(temp.resolve("new").resolve("nested"))).isEqualTo("rwx------");
    }

    @Test
    void shouldWriteFilesOwnerOnlyAndNeverOverwriteOne() throws Exception {
        var file = temp.resolve("admin-password.txt");

        PrivateFiles.writeNew(file, "secret\n");

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThatThrownBy(() -> PrivateFiles.writeNew(file, "other\n")).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(file)).isEqualTo("secret\n");
    }

    @Test
    void shouldMakeTheMasterKeyOnceAndKeepIt() throws Exception {
        var key = PrivateFiles.masterKey(temp.resolve("keys"));
        var first = Files.readString(key);

        assertThat(PrivateFiles.masterKey(temp.resolve("keys"))).isEqualTo(key);
        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(java.util.Base64.getDecoder().decode(first.strip())).hasSize(32);
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(mode(key.getParent())).isEqualTo("rwx------");
    }

    @Test
    void shouldPrintAGeneratedStaffPasswordOnlyOnTheStartThatMadeIt() {
        var file = Path.of("/data/admin-password.txt");

        assertThat(LocalPlatform.staffAccountLine("a@izek.local", "Pw-123456789", true, false, file)).contains("Pw-123456789");
        assertThat(LocalPlatform.staffAccountLine("a@izek.local", "Pw-123456789", false, false, file))
                .doesNotContain("Pw-123456789").contains(file.toString());
        assertThat(LocalPlatform.staffAccountLine("a@izek.local", "Pw-123456789", false, true, file)).doesNotContain("Pw-123456789");
    }

    @Test
    void shouldMakeAPasswordThePolicyAcceptsOnceAndKeepItOwnerOnly() throws Exception {
        var file = temp.resolve("demo-password.txt");

        var made = LocalPlatform.keptPassword(file);
        var kept = LocalPlatform.keptPassword(file);

        assertThat(made.generatedNow()).isTrue();
        assertThat(kept.generatedNow()).isFalse();
        assertThat(kept.value()).isEqualTo(made.value()).hasSize(20).containsPattern("[0-9]").containsPattern("[A-Za-z]");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
