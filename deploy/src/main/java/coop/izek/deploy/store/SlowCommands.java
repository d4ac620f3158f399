package coop.izek.deploy.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The store's slow-operation log, as MongoDB keeps one: a command that took longer than {@link #THRESHOLD} is logged
 * with its collection and the shape of its filter (fields and operators, never values, which may be personal data),
 * and how much of its time went waiting for the write lock and for the commit that stored it. The embedded store has
 * no secondary indexes, so a filter on anything but {@code _id} reads the whole collection: this is where that shows.
 */
final class SlowCommands {

    static final Duration THRESHOLD = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(SlowCommands.class);

    private SlowCommands() {
    }

    /** {@code locked}: when the write lock was taken; {@code written}: when the write was made and its commit awaited. */
    static void report(String command, String database, Document query, long started, long locked, long written) {
        long ended = System.nanoTime();
        if (ended - started < THRESHOLD.toNanos()) {
            return;
        }
        log.info("Slow command {} on {}.{} took {} ms ({} ms waiting for the write lock, {} ms for the commit); filter {}", command,
                database, query.get(command), (ended - started) / 1_000_000, (locked - started) / 1_000_000,
                (ended - written) / 1_000_000, shape(filter(query)));
    }

    /** Where each command carries its filter. */
    static Object filter(Document query) {
        for (var key : List.of("filter", "query", "q")) {
            if (query.get(key) instanceof Document filter) {
                return filter;
            }
        }
        for (var key : List.of("updates", "deletes", "pipeline")) {
            if (query.get(key) instanceof List<?> parts && !parts.isEmpty() && parts.getFirst() instanceof Document first) {
                return first.containsKey("q") ? first.get("q") : first.get("$match");
            }
        }
        return null;
    }

    /** The filter with every value replaced by {@code ?}. */
    static Object shape(Object filter) {
        if (filter instanceof Document document) {
            var shape = new LinkedHashMap<String, Object>();
            document.forEach((key, value) -> shape.put(key, shape(value)));
            return shape;
        }
        if (filter instanceof List<?> parts && !parts.isEmpty() && parts.getFirst() instanceof Document) {
            return parts.stream().map(SlowCommands::shape).toList();
        }
        return "?";
    }
}
