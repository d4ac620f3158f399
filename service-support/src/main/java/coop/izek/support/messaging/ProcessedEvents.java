package coop.izek.support.messaging;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * "Apply this event once" for consumers: a record per (consumer, event id) in {@value #COLLECTION}, keyed by
 * {@code _id} so the store itself refuses a second one. Redeliveries of an applied event are skipped.
 * <p>
 * The record is written after the handler ran, so a crash between the two replays the handler on redelivery:
 * handlers must make a replay harmless (deterministic ids, upserts, conditional updates), which they do by
 * construction; this record is what makes ordinary redelivery cheap and visible.
 */
public class ProcessedEvents {

    public static final String COLLECTION = "processed_events";
    public static final String PROCESSED_AT = "processedAt";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Counter skipped;

    ProcessedEvents(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.skipped = Counter.builder("izek.events.redeliveries.skipped")
                .description("Events a consumer had already applied and skipped").register(meters);
    }

    /** Runs {@code handler} unless {@code consumer} applied this event before; returns whether it ran. */
    public boolean applyOnce(String consumer, IncomingEvent event, Runnable handler) {
        var key = consumer + ":" + event.id();
        var collection = mongo.getCollection(COLLECTION);
        if (collection.find(Filters.eq("_id", key)).first() != null) {
            skipped.increment();
            return false;
        }
        handler.run();
        try {
            collection.insertOne(record(consumer, event));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        } catch (DuplicateKeyException alreadyRecorded) {
            // a concurrent redelivery recorded it first
        }
        return true;
    }

    /** Which of these events {@code consumer} applied before: one read for a whole batch. */
    Set<String> appliedAmong(String consumer, Collection<IncomingEvent> events) {
        var applied = new HashSet<String>();
        if (events.isEmpty()) {
            return applied;
        }
        var prefix = consumer + ":";
        for (var found : mongo.getCollection(COLLECTION).find(Filters.in("_id", events.stream().map(e -> prefix + e.id()).toList()))
                .projection(new Document("_id", 1))) {
            applied.add(found.getString("_id").substring(prefix.length()));
        }
        skipped.increment(applied.size());
        return applied;
    }

    /**
     * Records these events applied, in one write. Some may be recorded already (a batch redelivered while another
     * consumer applied it): those are left as they are and the rest still written.
     */
    void recordApplied(String consumer, List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        NewDocuments.insert(mongo.getCollection(COLLECTION), events.stream().map(e -> record(consumer, e)).toList());
    }

    private Document record(String consumer, IncomingEvent event) {
        return new Document("_id", consumer + ":" + event.id())
                .append("consumer", consumer)
                .append("eventId", event.id())
                .append("type", event.type())
                .append(PROCESSED_AT, Date.from(clock.instant()));
    }

    /** Whether {@code consumer} has applied the event with this id. */
    public boolean isApplied(String consumer, String eventId) {
        return mongo.getCollection(COLLECTION).find(Filters.eq("_id", consumer + ":" + eventId)).first() != null;
    }
}
