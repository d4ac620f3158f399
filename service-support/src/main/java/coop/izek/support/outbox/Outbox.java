package coop.izek.support.outbox;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.events.DomainEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * How application services store an aggregate together with the events it decided on, in one document write,
 * and have those events published right after. What the publish does not get out (a crash, the broker away),
 * the {@link OutboxRelay} publishes later: at least once, in order per aggregate.
 */
public class Outbox {

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxPublisher publisher;
    private final Clock clock;

    Outbox(MongoTemplate mongo, JsonMapper json, OutboxPublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Inserts a new aggregate with its events. A duplicate key leaves nothing behind and nothing is published. */
    public <A extends HasOutbox> A insert(A aggregate, List<? extends DomainEvent<?>> events) {
        events.forEach(event -> aggregate.outbox().add(toOutboxEvent(event)));
        var saved = mongo.insert(aggregate);
        afterWrite(aggregate.getClass(), aggregate.aggregateId());
        return saved;
    }

    /** Saves (replaces) an aggregate loaded from the store, with its new events. */
    public <A extends HasOutbox> A save(A aggregate, List<? extends DomainEvent<?>> events) {
        events.forEach(event -> aggregate.outbox().add(toOutboxEvent(event)));
        var saved = mongo.save(aggregate);
        afterWrite(aggregate.getClass(), aggregate.aggregateId());
        return saved;
    }

    /**
     * The stored form of an event, for application services that write with a conditional update
     * ({@code $push} it to {@value OutboxEvent#FIELD} in the same update) and then call {@link #afterWrite}.
     */
    public OutboxEvent toOutboxEvent(DomainEvent<?> event) {
        return new OutboxEvent(UUID.randomUUID().toString(), event.type().name(), event.type().topic(),
                event.subject(), clock.instant(), json.writeValueAsString(event.payload()), 0, null, null);
    }

    /** Publishes what the aggregate's document holds in its outbox, soon, off the caller's thread. */
    public void afterWrite(Class<?> aggregateType, String aggregateId) {
        publisher.schedule(mongo.getCollectionName(aggregateType), aggregateId);
    }
}
