package coop.izek.support.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.model.ConvertingPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import coop.izek.events.DomainEvent;
import coop.izek.support.messaging.NewDocuments;
import coop.izek.support.observability.TraceCarrier;
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
    private final TraceCarrier trace;

    Outbox(MongoTemplate mongo, JsonMapper json, OutboxPublisher publisher, Clock clock, TraceCarrier trace) {
        this.mongo = mongo;
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
        this.trace = trace;
    }

    /** Inserts a new aggregate with its events. A duplicate key leaves nothing behind and nothing is published. */
    public <A extends HasOutbox> A insert(A aggregate, List<? extends DomainEvent<?>> events) {
        events.forEach(event -> aggregate.outbox().add(toOutboxEvent(event)));
        var saved = mongo.insert(aggregate);
        afterWrite(aggregate.getClass(), aggregate.aggregateId());
        return saved;
    }

    /**
     * Inserts new aggregates, each with its events, in one write; those stored already (their ids derived from what
     * they are for, and that came again) are left as they are and publish nothing. Returns the ones inserted. Each
     * aggregate's events carry the trace {@code causeOf} gives: aggregates gathered from a batch of records were each
     * caused by their own record, not by the thread that writes them.
     */
    public <A extends HasOutbox> List<A> insertAll(List<A> aggregates, Function<? super A, List<? extends DomainEvent<?>>> eventsOf,
                                                  Function<? super A, Map<String, String>> causeOf) {
        for (var aggregate : aggregates) {
            var cause = causeOf.apply(aggregate);
            eventsOf.apply(aggregate).forEach(event -> aggregate.outbox().add(toOutboxEvent(event, cause)));
        }
        var inserted = NewDocuments.insert(mongo, aggregates);
        inserted.stream().filter(aggregate -> !aggregate.outbox().isEmpty())
                .forEach(aggregate -> afterWrite(aggregate.getClass(), aggregate.aggregateId()));
        return inserted;
    }

    /**
     * Saves an aggregate loaded from the store, with its new events. Every field is written except the outbox, to
     * which only the new events are appended: events the publisher removed since the load are not written back.
     * A versioned aggregate ({@code @Version}) is written only if nobody changed it since it was loaded; otherwise
     * {@link OptimisticLockingFailureException}, and the caller decides again on fresh state.
     */
    public <A extends HasOutbox> A save(A aggregate, List<? extends DomainEvent<?>> events) {
        var converter = mongo.getConverter();
        var entity = converter.getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
        var accessor = new ConvertingPropertyAccessor<>(entity.getPropertyAccessor(aggregate), DefaultConversionService.getSharedInstance());
        var query = Query.query(Criteria.where("_id").is(aggregate.aggregateId()));
        var versionProperty = entity.getVersionProperty();
        Object loadedVersion = null;
        if (versionProperty != null) {
            loadedVersion = accessor.getProperty(versionProperty);
            query.addCriteria(Criteria.where(versionProperty.getFieldName()).is(loadedVersion));
            accessor.setProperty(versionProperty, loadedVersion == null ? 1L : ((Number) loadedVersion).longValue() + 1);
        }
        var fields = new Document();
        converter.write(aggregate, fields);
        fields.remove("_id");
        fields.remove(OutboxEvent.FIELD);
        var update = new Update();
        fields.forEach(update::set);
        for (var property : entity) {
            if (!property.isIdProperty() && !fields.containsKey(property.getFieldName()) && !OutboxEvent.FIELD.equals(property.getFieldName())) {
                update.unset(property.getFieldName());
            }
        }
        var fresh = events.stream().map(this::toOutboxEvent).toList();
        if (!fresh.isEmpty()) {
            update.push(OutboxEvent.FIELD).each(fresh.toArray());
        }
        if (mongo.updateFirst(query, update, aggregate.getClass()).getMatchedCount() == 0) {
            if (versionProperty != null) {
                accessor.setProperty(versionProperty, loadedVersion);
            }
            throw new OptimisticLockingFailureException(aggregate.getClass().getSimpleName() + " " + aggregate.aggregateId()
                    + " was changed or removed since it was loaded");
        }
        aggregate.outbox().addAll(fresh);
        afterWrite(aggregate.getClass(), aggregate.aggregateId());
        return aggregate;
    }

    /**
     * The stored form of an event, for application services that write with a conditional update
     * ({@code $push} it to {@value OutboxEvent#FIELD} in the same update) and then call {@link #afterWrite}.
     */
    public OutboxEvent toOutboxEvent(DomainEvent<?> event) {
        return toOutboxEvent(event, trace.capture());
    }

    private OutboxEvent toOutboxEvent(DomainEvent<?> event, Map<String, String> cause) {
        return new OutboxEvent(UUID.randomUUID().toString(), event.type().name(), event.type().topic(),
                event.subject(), clock.instant(), json.writeValueAsString(event.payload()), 0, null, null, cause);
    }

    /** Publishes what the aggregate's document holds in its outbox, soon, off the caller's thread. */
    public void afterWrite(Class<?> aggregateType, String aggregateId) {
        publisher.schedule(mongo.getCollectionName(aggregateType), aggregateId);
    }
}
