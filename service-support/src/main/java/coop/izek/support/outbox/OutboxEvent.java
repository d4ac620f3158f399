package coop.izek.support.outbox;

import java.time.Instant;

/**
 * An event waiting, inside its aggregate's document, to be published. Stored in the same write as the state change
 * it describes, so the two cannot part. {@code payload} is the JSON body exactly as it will be sent.
 */
public record OutboxEvent(
        String eventId,
        String type,
        String topic,
        String subject,
        Instant time,
        String payload,
        int attempts,
        Instant nextAttemptAt,
        String lastError) {

    public static final String FIELD = "outbox";
}
