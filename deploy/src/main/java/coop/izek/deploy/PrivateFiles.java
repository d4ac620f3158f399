package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The data folder holds the store, the broker's log, the master key and the staff password: readable by its owner
 * only. Folders are made 0700 and files 0600 as they are created, never opened up and closed down afterwards.
 */
final class PrivateFiles {

    private static final String FOLDER = "rwx------";
    private static final String FILE = "rw-------";

    private PrivateFiles() {
    }

    /** Creates the folder (and its parents) owner-only, or makes an existing one owner-only. */
    static Path folder(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(FOLDER));
            } else {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FOLDER)));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }

    /** Writes a new file readable by its owner only; the permissions are the file's from the moment it exists. */
    static void writeNew(Path file, String content) {
        try (var channel = Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE)))) {
            channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * The platform's master key file ({@code IZEK_MASTER_KEY_FILE} for every service), made once here before any
     * service starts: 32 random bytes in base64. Back it up apart from the data: without it nothing the services
     * encrypted can be read.
     */
    static Path masterKey(Path keys) {
        var file = folder(keys).resolve("master.key");
        if (!Files.exists(file)) {
            var key = new byte[32];
            new SecureRandom().nextBytes(key);
            writeNew(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return file;
    }
}
