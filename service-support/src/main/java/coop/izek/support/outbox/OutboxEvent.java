package coop.izek.support.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * An event waiting, inside its aggregate's document, to be published. Stored in the same write as the state change
 * it describes, so the two cannot part. {@code payload} is the JSON body exactly as it will be sent; {@code trace} the
 * trace context of the request that caused it ({@code traceparent}, {@code x-request-id}), sent with it.
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
        String lastError,
        Map<String, String> trace) {

    public static final String FIELD = "outbox";
}
