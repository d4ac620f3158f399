package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * How a service's JVM starts fast on two cores: its Spring Boot jar extracted once per build (the JDK's AOT cache
 * cannot hold classes read from jars nested in a jar) and the JDK's AOT cache of that extracted form (JEP 483/514):
 * the first run records which classes it loads and links and which methods are hot, writes the cache when it stops,
 * and every later run maps it instead of loading those classes again. Both sit beside the jar in {@code target/aot},
 * so a rebuild starts over and every data folder shares them.
 */
final class BootApplication {

    private final Path extractedJar;
    private final Path cache;
    private final Path training;

    private BootApplication(Path extractedJar, Path cache, Path training) {
        this.extractedJar = extractedJar;
        this.cache = cache;
        this.training = training;
    }

    /** Extracts {@code jar} unless this build of it was extracted already (by this launcher or one beside it). */
    static BootApplication of(Path jar, Path java, Path log) {
        var aot = jar.resolveSibling("aot");
        var name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        var stamp = name + "-" + lastModified(jar);
        var extracted = aot.resolve(stamp);
        if (!Files.isDirectory(extracted)) {
            extract(jar, java, aot, extracted, log);
            forgetOtherBuilds(aot, stamp);
        }
        var cache = aot.resolve(stamp + ".aot");
        return new BootApplication(extracted.resolve(jar.getFileName()), cache,
                aot.resolve(stamp + "-" + UUID.randomUUID() + ".aot.training"));
    }

    /** Uses the cache if there is one; otherwise this run is its training run. */
    List<String> jvmArguments() {
        var arguments = new ArrayList<String>();
        if (Runtime.version().feature() < 25) {
            // No AOT cache before JDK 25's one-step training: the dynamic class-data archive, its predecessor.
            arguments.add("-XX:+AutoCreateSharedArchive");
            arguments.add("-XX:SharedArchiveFile=" + cache.resolveSibling(cache.getFileName() + ".jsa"));
        } else if (Files.isRegularFile(cache)) {
            arguments.add("-XX:AOTCache=" + cache);
        } else {
            arguments.add("-XX:AOTCacheOutput=" + training);
        }
        arguments.add("-jar");
        arguments.add(extractedJar.toString());
        return arguments;
    }

    /**
     * After the JVM has ended: a training run that stopped by itself wrote its cache as it exited, which becomes the
     * cache; one that was killed may have left half a file, which is dropped (the next run trains again).
     */
    void ended(boolean stoppedCleanly) {
        try {
            if (stoppedCleanly && Files.isRegularFile(training) && Files.size(training) > 0 && !Files.exists(cache)) {
                Files.move(training, cache, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(training);
            // What the JVM recorded before it assembled the cache.
            Files.deleteIfExists(training.resolveSibling(training.getFileName() + ".config"));
        } catch (IOException e) {
            // Another launcher put its cache there first, or the folder went away: the next start simply trains again.
        }
    }

    private static void extract(Path jar, Path java, Path aot, Path extracted, Path log) {
        var partial = aot.resolve(extracted.getFileName() + "-" + UUID.randomUUID() + ".partial");
        try {
            Files.createDirectories(aot);
            var process = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", partial.toString())
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("Extracting " + jar + " failed; see " + log);
            }
            Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(extracted)) {
                throw new UncheckedIOException("Cannot extract " + jar + " into " + aot, e);
            }
            // Another launcher extracted the same build at the same moment; its copy is as good.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + jar, e);
        } finally {
            delete(partial);
        }
    }

    /** Extracted copies, caches and leftovers of earlier builds: {@code target/aot} holds this one jar's only. */
    private static void forgetOtherBuilds(Path aot, String stamp) {
        try (Stream<Path> entries = Files.list(aot)) {
            entries.filter(p -> !p.getFileName().toString().startsWith(stamp)).forEach(BootApplication::delete);
        } catch (IOException e) {
            // Left for the next start.
        }
    }

    private static long lastModified(Path jar) {
        try {
            return Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    private static void delete(Path path) {
        try {
            LocalPlatform.wipe(path);
        } catch (UncheckedIOException e) {
            // Left for the next start.
        }
    }
}
