package coop.izek.notification.delivery;

/** Where a delivery is: waiting, being sent, sent, only logged (no provider for its channel), or failed for good. */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, LOGGED_ONLY, FAILED
}
