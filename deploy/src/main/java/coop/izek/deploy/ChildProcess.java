package coop.izek.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One process the launcher started, with its output in its own log file. */
final class ChildProcess {

    private final String name;
    private final Path logFile;
    private final Process process;

    private ChildProcess(String name, Path logFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile,
                              Path workingDirectory) {
        try {
            Files.createDirectories(logFile.getParent());
            keepPrevious(logFile);
            var builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .redirectInput(Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new ChildProcess(name, logFile, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * The last run's log stays beside the new one as {@code <name>.previous.log}: after a restart, why the run
     * before ended is still there to read.
     */
    private static void keepPrevious(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > 0) {
            var name = logFile.getFileName().toString().replaceFirst("\\.log$", "");
            Files.move(logFile, logFile.resolveSibling(name + ".previous.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(logFile, "");
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** How it ended (128 + n when killed by signal n); only once it has. */
    int exitCode() {
        return process.exitValue();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * SIGTERM, and SIGKILL if it is still there after {@code grace}. Children of the child go the same way.
     *
     * @return whether it ended on the signal, within {@code grace} (not when it had ended before: how is not known)
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("  " + name + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the log, to show why something failed. */
    String tail(int lines) {
        try {
            var all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ")";
        }
    }
}
