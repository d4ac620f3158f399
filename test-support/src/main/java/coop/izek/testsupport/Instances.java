package coop.izek.testsupport;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/** Work that several instances of a service do at the same moment against the same store. */
public final class Instances {

    private Instances() {
    }

    /**
     * Runs {@code work} on {@code count} threads at once and waits for all. An instance that loses a race meets a
     * conflict, which is how it learns another did the work: that is not a failure here, and the test checks what
     * the store and the topic hold afterwards.
     */
    public static void race(int count, Runnable work) {
        try (var pool = Executors.newFixedThreadPool(count)) {
            var instances = new ArrayList<Callable<Void>>();
            for (int i = 0; i < count; i++) {
                instances.add(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException lostTheRace) {
                        // the other instance got there first
                    }
                    return null;
                });
            }
            pool.invokeAll(instances);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
