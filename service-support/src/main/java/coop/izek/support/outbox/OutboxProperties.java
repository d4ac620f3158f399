package coop.izek.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param relayInterval how often the relay looks again at documents whose events could not be published
 * @param relaySweep    how often the relay searches every outbox collection for events nobody here knows of
 * @param relayGrace    how old a pending event must be before the relay takes it, leaving fresh ones to the
 *                      publisher that runs straight after each write
 * @param firstRetry    back-off after the first failed attempt; doubles per attempt up to {@code maxRetry}
 * @param maxRetry      the longest back-off
 * @param publishers    publisher threads: how many documents' events are published at once (each document's in order)
 */
@ConfigurationProperties("izek.outbox")
public record OutboxProperties(
        @DefaultValue("2s") Duration relayInterval,
        @DefaultValue("1m") Duration relaySweep,
        @DefaultValue("1s") Duration relayGrace,
        @DefaultValue("500ms") Duration firstRetry,
        @DefaultValue("1m") Duration maxRetry,
        @DefaultValue("4") int publishers) {

    Duration backoff(int attempts) {
        long millis = firstRetry.toMillis() << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxRetry.toMillis()));
    }
}
