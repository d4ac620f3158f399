package coop.izek.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Keeps running what the launcher started. A process that ends on its own is started again, and the launcher says
 * so: at once the first time, then after a wait that doubles while it keeps ending soon after each start (up to
 * {@link #LONGEST_WAIT}), and that starts over once it has run for {@link #SETTLED}. Each process's pid is noted in
 * the run folder so that a launcher killed with -9 leaves nothing the next one cannot stop.
 */
final class Supervisor {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration SETTLED = Duration.ofMinutes(1);

    private final List<Supervised> supervised = new CopyOnWriteArrayList<>();
    private final RunFolder run;
    private final PrintStream out;
    private volatile boolean stopping;

    Supervisor(RunFolder run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    /** One process under supervision: how to start it, and how it has fared. */
    private static final class Supervised {
        final String name;
        final Supplier<ChildProcess> start;
        volatile ChildProcess current;
        long startedNanos;
        /** Ends soon after a start, in a row. */
        int quickEnds;
        /** When it is to be started again, while it is down. */
        Long dueNanos;

        Supervised(String name, Supplier<ChildProcess> start) {
            this.name = name;
            this.start = start;
        }
    }

    /** Starts a process and keeps it running from now on. */
    synchronized ChildProcess start(String name, Supplier<ChildProcess> start) {
        var entry = new Supervised(name, start);
        launch(entry);
        supervised.add(entry);
        return entry.current;
    }

    /** The processes as they are now, in the order they were first started. */
    List<ChildProcess> children() {
        return supervised.stream().map(s -> s.current).toList();
    }

    /**
     * Looks once: a process found ended is due to start again after its wait; one whose wait is over is started.
     * Called every second or so while the platform runs.
     */
    synchronized void check() {
        long now = System.nanoTime();
        for (var entry : supervised) {
            if (stopping) {
                return;
            }
            if (entry.dueNanos == null && !entry.current.isAlive()) {
                boolean quick = now - entry.startedNanos < SETTLED.toNanos();
                entry.quickEnds = quick ? entry.quickEnds + 1 : 1;
                var wait = waitAfter(entry.quickEnds);
                entry.dueNanos = now + wait.toNanos();
                run.forget(entry.name);
                out.println("! " + entry.name + " stopped on its own (" + exit(entry.current) + "); starting it again"
                        + (wait.isZero() ? "" : " in " + wait.toSeconds() + " s") + ". Its log: " + entry.current.logFile());
            }
            if (entry.dueNanos != null && now - entry.dueNanos >= 0) {
                entry.dueNanos = null;
                try {
                    launch(entry);
                    out.println("  " + entry.name + " started again (the log of the run that ended: "
                            + entry.current.logFile().resolveSibling(entry.name + ".previous.log") + ")");
                } catch (RuntimeException e) {
                    entry.startedNanos = now;
                    out.println("! " + entry.name + " could not be started again: " + e.getMessage());
                }
            }
        }
    }

    /** No more restarts: the platform is stopping. */
    synchronized void stopSupervising() {
        stopping = true;
    }

    /** A process that stopped cleanly is no longer noted in the run folder. */
    void stopped(ChildProcess child) {
        supervised.stream().filter(s -> s.current == child).forEach(s -> run.forget(s.name));
    }

    /** The first end in a row is answered at once; each quick end after it doubles the wait, up to the longest. */
    static Duration waitAfter(int quickEnds) {
        if (quickEnds <= 1) {
            return Duration.ZERO;
        }
        long seconds = FIRST_WAIT.toSeconds() << Math.min(quickEnds - 2, 16);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
    }

    private void launch(Supervised entry) {
        var child = entry.start.get();
        entry.current = child;
        entry.startedNanos = System.nanoTime();
        run.record(entry.name, child.handle());
    }

    private static String exit(ChildProcess child) {
        var code = child.exitCode();
        return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
    }
}
