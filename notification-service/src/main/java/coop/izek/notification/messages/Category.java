package coop.izek.notification.messages;

/** What a message is about; people choose channels per category. */
public enum Category {
    ACCOUNT, SECURITY, MEMBERSHIP, WORKSHOPS, REMINDERS, CANCELLATIONS, PROJECTS;

    /** Security and cancellation messages always go, on every channel the person has, and are never held back. */
    public boolean alwaysGoes() {
        return this == SECURITY || this == CANCELLATIONS;
    }

    /**
     * Whether quiet hours hold it back. Account messages answer something the person just did (registering), so
     * they go at once as well.
     */
    public boolean waitsForQuietHoursToEnd() {
        return !alwaysGoes() && this != ACCOUNT;
    }
}
