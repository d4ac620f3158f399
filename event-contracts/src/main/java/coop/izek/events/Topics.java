package coop.izek.events;

import java.util.List;

/** The Kafka topics of the platform, one per publishing service, and their dead-letter twins. */
public final class Topics {

    public static final String MEMBERSHIP = "izek.membership.v1";
    public static final String WORKSHOP = "izek.workshop.v1";
    public static final String PROJECT = "izek.project.v1";
    public static final String NOTIFICATION = "izek.notification.v1";

    public static final List<String> ALL = List.of(MEMBERSHIP, WORKSHOP, PROJECT, NOTIFICATION);

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
