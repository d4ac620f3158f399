package coop.izek.support.outbox;

import java.util.List;

/**
 * An aggregate document that carries its own not-yet-published events in an {@code outbox} array field.
 * Collections of documents implementing this are found and drained by the {@link OutboxRelay}.
 */
public interface HasOutbox {

    /** The document id ({@code _id}). */
    String aggregateId();

    /** The pending events, a mutable list the {@link Outbox} appends to before a write. */
    List<OutboxEvent> outbox();
}
