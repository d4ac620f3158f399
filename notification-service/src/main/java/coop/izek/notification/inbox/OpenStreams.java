package coop.izek.notification.inbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Each person's open streams on this instance. A person's set is changed only inside the map's own update of that
 * person, so a stream opened while the person's last one closes cannot land in a set the map has already dropped.
 */
final class OpenStreams<S> {

    private final ConcurrentHashMap<String, Set<S>> byPerson = new ConcurrentHashMap<>();

    void open(String personId, S stream) {
        byPerson.compute(personId, (p, streams) -> {
            var open = streams == null ? new CopyOnWriteArraySet<S>() : streams;
            open.add(stream);
            return open;
        });
    }

    void close(String personId, S stream) {
        byPerson.computeIfPresent(personId, (p, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    Set<S> of(String personId) {
        return byPerson.getOrDefault(personId, Set.of());
    }

    void forEach(Consumer<S> action) {
        byPerson.values().forEach(streams -> streams.forEach(action));
    }

    List<S> all() {
        return byPerson.values().stream().flatMap(Set::stream).toList();
    }

    int count() {
        return byPerson.values().stream().mapToInt(Set::size).sum();
    }

    void clear() {
        byPerson.clear();
    }
}
