package coop.izek.portal;

import java.time.ZoneId;

/** Facts about the cooperative the pages are written for. */
public final class Cooperative {

    /** Every session, deadline and date is in İzmir's time. */
    public static final ZoneId TIME_ZONE = ZoneId.of("Europe/Istanbul");
    public static final String NAME = "İZEK – İzmir Eğitim Kooperatifi";
    /** The workshop fields and the groups workshops are for, as the APIs name them. */
    public static final java.util.List<String> CATEGORIES = java.util.List.of("STEM", "ARTS", "SPORTS_GAMES", "TRIPS_EVENTS",
            "BOOKS_PHILOSOPHY", "FOREIGN_LANGUAGES", "ENTREPRENEURSHIP", "DEVELOPMENT_COOPERATION");
    public static final java.util.List<String> TARGET_GROUPS = java.util.List.of("CHILDREN", "YOUTH", "PARENTS", "ADULTS", "EDUCATORS");

    private Cooperative() {
    }
}
