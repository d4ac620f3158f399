package coop.izek.support.messaging;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes of one batch that do not depend on each other, sent to the store at once: in a rush each round trip waits its
 * turn behind the other services' writes, and writes sent together wait once instead of one after another.
 */
public final class IndependentWrites {

    /** Virtual threads for writes made beside a listener's own: these, and a batch's record of what it applied. */
    static final ExecutorService WRITERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("independent-write-", 0).factory());

    private IndependentWrites() {
    }

    /**
     * Runs {@code writes} at once, the first on the calling thread, and returns when every one has finished; a failure
     * is thrown only then (the first, with the others suppressed), so nothing is still writing when a batch is retried.
     */
    public static void together(Runnable... writes) {
        var others = new ArrayList<CompletableFuture<Void>>(writes.length);
        for (int i = 1; i < writes.length; i++) {
            others.add(CompletableFuture.runAsync(writes[i], WRITERS));
        }
        RuntimeException failure = null;
        try {
            if (writes.length > 0) {
                writes[0].run();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (var other : others) {
            try {
                other.join();
            } catch (CompletionException e) {
                var cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
