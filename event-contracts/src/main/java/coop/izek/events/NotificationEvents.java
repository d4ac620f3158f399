package coop.izek.events;

import java.time.Instant;

/** Events notification-service publishes on {@link Topics#NOTIFICATION}: what reached whom, and what could not. */
public final class NotificationEvents {

    public static final String SOURCE = "/izek/notification-service";

    public static final EventType<NotificationSent> NOTIFICATION_SENT = new EventType<>(
            "coop.izek.notification.notification-sent.v1", Topics.NOTIFICATION, NotificationSent.class);

    public static final EventType<NotificationFailed> NOTIFICATION_FAILED = new EventType<>(
            "coop.izek.notification.notification-failed.v1", Topics.NOTIFICATION, NotificationFailed.class);

    private NotificationEvents() {
    }

    /**
     * One message delivered on one channel ({@code EMAIL}, {@code IN_APP}, {@code SMS}, {@code WEBHOOK}) because of the
     * event {@code causeEventId}. {@code personId} or {@code organisationId} says to whom; {@code outcome} is SENT, or
     * LOGGED_ONLY when no provider is configured for the channel and nothing left the machine.
     */
    public record NotificationSent(String deliveryId, String causeEventId, String causeEventType, String kind, String channel,
                                   String personId, String organisationId, String outcome, Instant sentAt) {
    }

    /** A message that could not be delivered after its retries; staff see it in the failure log and may replay it. */
    public record NotificationFailed(String deliveryId, String causeEventId, String causeEventType, String kind,
                                     String channel, String personId, String organisationId, int attempts, String reason,
                                     Instant failedAt) {
    }
}
