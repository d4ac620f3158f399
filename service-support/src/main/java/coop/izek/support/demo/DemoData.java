package coop.izek.support.demo;

import org.springframework.http.HttpStatus;

import coop.izek.support.web.ProblemException;

/**
 * Sample data a service loads when the platform is started with {@code ./izek up --demo} ({@code izek.demo.enabled}).
 * Each service loads its own part; what it builds on from other services (people, organisations, projects) arrives
 * as events, so {@link #load} is tried again until it reports done. Loading is idempotent: fixed ids and conditional
 * writes make a second run, or a second instance running it at the same time, change nothing.
 */
public interface DemoData {

    /** Loads whatever is still missing; {@code false} when something it builds on is not known here yet. */
    boolean load();

    /**
     * Runs a step that another instance, or an earlier interrupted run, may have taken already: the conflict (409)
     * it then meets means the step is done.
     */
    static void unlessDone(Runnable step) {
        try {
            step.run();
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
        }
    }
}
