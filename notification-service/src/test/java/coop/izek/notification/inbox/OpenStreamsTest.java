package coop.izek.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class OpenStreamsTest {

    @Test
    void shouldKeepAStreamOpenedWhileThePersonsLastStreamCloses() throws Exception {
        var rounds = 100_000;
        var lost = 0;
        var start = new CyclicBarrier(2);
        try (var closer = Executors.newSingleThreadExecutor()) {
            for (var round = 0; round < rounds; round++) {
                var streams = new OpenStreams<String>();
                streams.open("ayse", "old");
                var closed = closer.submit(() -> {
                    start.await();
                    streams.close("ayse", "old");
                    return null;
                });
                start.await();
                streams.open("ayse", "new");
                closed.get(10, TimeUnit.SECONDS);
                if (!streams.of("ayse").contains("new")) {
                    lost++;
                }
            }
        }
        assertThat(lost).as("streams opened in a race with the person's last stream closing, then lost").isZero();
    }

    @Test
    void shouldForgetAPersonOnceTheirLastStreamCloses() {
        var streams = new OpenStreams<String>();
        streams.open("ayse", "phone");
        streams.open("ayse", "laptop");
        streams.close("ayse", "phone");

        assertThat(streams.of("ayse")).containsExactly("laptop");
        assertThat(streams.count()).isEqualTo(1);

        streams.close("ayse", "laptop");
        assertThat(streams.of("ayse")).isEmpty();
        assertThat(streams.all()).isEmpty();
    }
}
