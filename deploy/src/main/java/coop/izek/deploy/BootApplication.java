package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a service's JVM starts fast on two cores: its Spring Boot jar extracted once per build (the JDK's AOT cache
 * cannot hold classes read from jars nested in a jar) and the JDK's AOT cache of that extracted form (JEP 483/514).
 * The first run records which classes it loads and links and which methods are hot; once it has stopped, the launcher
 * assembles the cache from that record, and every later run maps it instead of loading those classes again. Both sit
 * beside the jar in {@code target/aot}, so a rebuild starts over and every data folder shares them.
 *
 * <p>The JDK's one-step form ({@code -XX:AOTCacheOutput}) assembles the cache inside the stopping JVM, which then
 * outlives any sensible stop grace on a busy machine and is killed with its cache half-written. Recording
 * ({@code -XX:AOTMode=record}) only writes a small file at exit; assembling ({@code -XX:AOTMode=create}) is a separate
 * JVM the launcher waits for after the platform has stopped.
 */
final class BootApplication {

    private static final Duration ASSEMBLY_TIMEOUT = Duration.ofMinutes(5);

    private final Path java;
    private final List<String> jvmOptions;
    private final Path extractedJar;
    private final Path cache;
    private final Path record;
    private final boolean records;

    private BootApplication(Path java, List<String> jvmOptions, Path extractedJar, Path cache, Path record) {
        this.java = java;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extractedJar = extractedJar;
        this.cache = cache;
        this.record = record;
        this.records = Runtime.version().feature() >= 24 && !Files.isRegularFile(cache);
    }

    /** Extracts {@code jar} unless this build of it was extracted already (by this launcher or one beside it). */
    static BootApplication of(Path jar, Path java, List<String> jvmOptions, Path log) {
        var aot = jar.resolveSibling("aot");
        var name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        var stamp = name + "-" + lastModified(jar);
        var extracted = aot.resolve(stamp);
        if (!Files.isDirectory(extracted)) {
            extract(jar, java, aot, extracted, log);
            forgetOtherBuilds(aot, stamp);
        }
        return new BootApplication(java, jvmOptions, extracted.resolve(jar.getFileName()), aot.resolve(stamp + ".aot"),
                aot.resolve(stamp + "-" + UUID.randomUUID() + ".aotconf"));
    }

    /** The service's command line: it uses the cache if there is one; otherwise this run records for it. */
    List<String> command() {
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (Runtime.version().feature() < 24) {
            // No AOT cache before JDK 24: the dynamic class-data archive, its predecessor.
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + cache.resolveSibling(cache.getFileName() + ".jsa"));
        } else if (!records) {
            command.add("-XX:AOTCache=" + cache);
        } else {
            command.add("-XX:AOTMode=record");
            command.add("-XX:AOTConfiguration=" + record);
        }
        command.add("-jar");
        command.add(extractedJar.toString());
        return command;
    }

    /**
     * Whether this run records for a cache: writing the record at exit verifies every class the run loaded, tens of
     * seconds of CPU when all services stop at once on two cores, so such a run gets longer to stop.
     */
    boolean records() {
        return records;
    }

    /** Whether the run that has just ended left a complete record to assemble a cache from. */
    boolean recorded(boolean stoppedCleanly) {
        if (stoppedCleanly && isNonEmptyFile(record) && !Files.exists(cache)) {
            return true;
        }
        // A killed run may have left half a record: the next run records again.
        delete(record);
        return false;
    }

    /**
     * Assembles the cache from this run's record, appending the JVM's output to {@code log}. Blocks until done; a
     * failure leaves no cache, so the next run records again.
     */
    void assembleCache(Path log) {
        var partial = cache.resolveSibling(record.getFileName() + ".partial");
        var command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + record, "-XX:AOTCache=" + partial,
                "-jar", extractedJar.toString()));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(ASSEMBLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            } else if (process.exitValue() == 0 && isNonEmptyFile(partial) && !Files.exists(cache)) {
                Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // Another launcher put its cache there first, or the folder went away: the next start simply records again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(partial);
            delete(record);
        }
    }

    private static boolean isNonEmptyFile(Path path) {
        try {
            return Files.isRegularFile(path) && Files.size(path) > 0;
        } catch (IOException e) {
            return false;
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
