package coop.izek.support.housekeeping;

import java.time.Duration;

/**
 * Records that are of no use after a while: documents of {@code collection} whose date {@code field} is older than
 * {@code keep} are deleted by {@link Housekeeping}. A service declares one bean per kind of record it keeps only
 * for a time. The embedded store has no working TTL indexes, so this is how both stores expire records.
 */
public record Retention(String collection, String field, Duration keep) {

    public static Retention of(String collection, String field, Duration keep) {
        return new Retention(collection, field, keep);
    }
}
