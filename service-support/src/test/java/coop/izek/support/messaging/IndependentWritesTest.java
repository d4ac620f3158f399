package coop.izek.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class IndependentWritesTest {

    @Test
    void shouldRunTheWritesAtOnce() {
        // Each write waits for the other: run one after the other, the first would time out.
        var both = new CyclicBarrier(3);
        Runnable write = () -> {
            try {
                both.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the writes did not run at once", e);
            }
        };
        IndependentWrites.together(write, write, write);
        assertThat(both.isBroken()).isFalse();
    }

    @Test
    void shouldThrowTheFirstFailureOnlyAfterEveryWriteHasFinished() {
        var slowOneFinished = new AtomicBoolean();
        var started = new CyclicBarrier(2);
        assertThatThrownBy(() -> IndependentWrites.together(() -> {
            await(started);
            throw new IllegalStateException("first failed");
        }, () -> {
            await(started);
            // Still writing when the first has failed.
            for (long i = 0; i < 50_000_000L && !Thread.currentThread().isInterrupted(); i++) {
                Thread.onSpinWait();
            }
            slowOneFinished.set(true);
        }, () -> {
            throw new IllegalArgumentException("third failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("first failed")
                .satisfies(e -> assertThat(List.of(e.getSuppressed())).singleElement().isInstanceOf(IllegalArgumentException.class));
        assertThat(slowOneFinished).isTrue();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
