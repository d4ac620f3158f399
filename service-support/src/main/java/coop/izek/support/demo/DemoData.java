package coop.izek.support.demo;

/**
 * Sample data a service loads when the platform is started with {@code ./izek up --demo} ({@code izek.demo.enabled}).
 * Each service loads its own part; what it builds on from other services (people, organisations, projects) arrives
 * as events, so {@link #load} is tried again until it reports done. Loading is idempotent: fixed ids and conditional
 * writes make a second run, or a second instance running it at the same time, change nothing.
 */
public interface DemoData {

    /** Loads whatever is still missing; {@code false} when something it builds on is not known here yet. */
    boolean load();
}
