package coop.izek.support.outbox;

import java.util.ArrayList;
import java.util.List;

/** The usual way to be a {@link HasOutbox} document: the {@code outbox} field lives here, the id in the aggregate. */
public abstract class OutboxAggregate implements HasOutbox {

    private List<OutboxEvent> outbox = new ArrayList<>();

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
