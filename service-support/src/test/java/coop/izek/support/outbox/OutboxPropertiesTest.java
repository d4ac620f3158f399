package coop.izek.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

    final OutboxProperties properties = new OutboxProperties(Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofMinutes(1), 4);

    @Test
    void shouldDoubleBackOffPerAttempt() {
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(4)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void shouldCapBackOffAtTheMaximum() {
        assertThat(properties.backoff(8)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoff(500)).isEqualTo(Duration.ofMinutes(1));
    }
}
