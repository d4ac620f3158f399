package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The data folder's {@code run/}: a pid file for the launcher and one for each process it started, each naming the
 * process by its pid and its start time (a pid alone may have been reused since). A launcher that was killed with -9
 * cannot stop its children, and they go on holding the ports and the data; the next launcher finds them here and
 * stops them before it starts anything.
 */
final class RunFolder {

    static final String LAUNCHER = "launcher";
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path folder;

    private RunFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Takes the run folder for this launcher: refuses while another launcher runs from the same data folder, and stops
     * whatever a launcher that ended without stopping its children left running. Returns the names of what it stopped.
     */
    static RunFolder claim(Path folder, List<String> stopped) {
        var run = new RunFolder(folder);
        var launcher = run.live(LAUNCHER);
        if (launcher.isPresent() && launcher.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("izek-platform already runs from this data folder (launcher pid " + launcher.get().pid()
                    + "); stop it first");
        }
        stopped.addAll(run.stopLeftovers());
        return run;
    }

    /** Notes this launcher (after a wipe of the data folder, too). */
    void recordLauncher() {
        record(LAUNCHER, ProcessHandle.current());
    }

    void record(String name, ProcessHandle process) {
        var started = process.info().startInstant();
        if (started.isEmpty()) {
            return;
        }
        try {
            PrivateFiles.folder(folder);
            var file = pidFile(name);
            var partial = file.resolveSibling(name + ".pid.partial");
            Files.deleteIfExists(partial);
            PrivateFiles.writeNew(partial, process.pid() + " " + started.get().toEpochMilli() + "\n");
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot note " + name + "'s pid in " + folder, e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            // A stale file names a process that is gone or not the same one: the next launcher leaves it alone.
        }
    }

    /** SIGTERM to each process still running under a pid file other than the launcher's, SIGKILL to those left after the grace. */
    private List<String> stopLeftovers() {
        var stopped = new ArrayList<String>();
        var handles = new ArrayList<ProcessHandle>();
        for (var name : names()) {
            if (name.equals(LAUNCHER)) {
                continue;
            }
            live(name).ifPresent(process -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                handles.add(process);
                stopped.add(name);
            });
            forget(name);
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (var process : handles) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        return stopped;
    }

    /** The process a pid file names, if it is still the one that was noted (same pid, same start time). */
    Optional<ProcessHandle> live(String name) {
        var file = pidFile(name);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            var words = Files.readString(file).strip().split(" ");
            long pid = Long.parseLong(words[0]);
            long startedMillis = Long.parseLong(words[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(s -> s.toEpochMilli() == startedMillis).orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid")).map(n -> n.substring(0, n.length() - 4))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder, e);
        }
    }

    private Path pidFile(String name) {
        return folder.resolve(name + ".pid");
    }
}
