package coop.izek.system.benchmark;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the running simulation is to do, set by the harness before it starts Gatling (which builds the simulation
 * itself, by its class name, in this JVM), and what the simulation saw, read back afterwards.
 */
record Load(String name, String baseUrl, int users, int repeats, Duration duration, List<Map<String, Object>> records) {

    /** An answer the client received: what the books must show afterwards. */
    record Acknowledged(String key, String value, String status) {
    }

    private static volatile Load current;
    static final Queue<Acknowledged> ACKNOWLEDGED = new ConcurrentLinkedQueue<>();

    /** {@code users} clients, each sending {@code repeats} requests from the records in turn. */
    static Load of(String name, String baseUrl, int users, List<Map<String, Object>> records) {
        if (records.size() % users != 0) {
            throw new IllegalArgumentException(records.size() + " records do not split evenly over " + users + " users");
        }
        return new Load(name, baseUrl, users, records.size() / users, Duration.ZERO, records);
    }

    /** {@code users} clients, each asking for {@code path} with {@code headers} one request after another for {@code duration}. */
    static Load during(String name, String baseUrl, String path, Map<String, String> headers, int users, Duration duration) {
        return new Load(name, baseUrl, users, 0, duration, List.of(Map.of("path", path, "headers", headers)));
    }

    String path() {
        return (String) records.getFirst().get("path");
    }

    @SuppressWarnings("unchecked")
    Map<String, String> headers() {
        return (Map<String, String>) records.getFirst().get("headers");
    }

    static Load current() {
        return current;
    }

    static void set(Load load) {
        current = load;
        ACKNOWLEDGED.clear();
    }

    /** The records as one feeder, safe to share: every user takes the next, so each record is sent exactly once. */
    Iterator<Map<String, Object>> feeder() {
        var queue = new ConcurrentLinkedQueue<>(records);
        return new Iterator<>() {
            public boolean hasNext() {
                return !queue.isEmpty();
            }

            public Map<String, Object> next() {
                var next = queue.poll();
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                return next;
            }
        };
    }
}
