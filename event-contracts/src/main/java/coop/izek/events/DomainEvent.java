package coop.izek.events;

import java.util.Objects;

/** An event an aggregate decided on: what happened ({@code type}), to which aggregate ({@code subject}), with what data. */
public record DomainEvent<T>(EventType<T> type, String subject, T payload) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(type.name() + " carries " + type.payloadType().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
    }
}
