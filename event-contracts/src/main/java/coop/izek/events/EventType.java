package coop.izek.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of event: its stable CloudEvents type string, the topic it travels on and its payload record.
 * The type string, not a Java class name, is what crosses the wire, so payload classes can move freely.
 */
public record EventType<T>(String name, String topic, Class<T> payloadType) {

    private static final Pattern NAME = Pattern.compile("coop\\.izek\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[0-9]+");

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadType, "payloadType");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Event type must read coop.izek.<service>.<event>.v<n>: " + name);
        }
    }

    /** An event of this type about the aggregate {@code subject}, ready to be stored in that aggregate's outbox. */
    public DomainEvent<T> of(String subject, T payload) {
        return new DomainEvent<>(this, subject, payload);
    }
}
