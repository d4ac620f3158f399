package coop.izek.support.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.scheduling.annotation.Scheduled;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes events that were stored but not published straight after their write (the broker was away, or the
 * service died in between), and keeps the backlog visible as metrics.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final MongoMappingContext mappingContext;
    private final OutboxPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Set<String> indexedCollections = ConcurrentHashMap.newKeySet();
    private volatile Instant lastSweep;

    OutboxRelay(MongoTemplate mongo, MongoMappingContext mappingContext, OutboxPublisher publisher,
                OutboxProperties properties, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.mappingContext = mappingContext;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("izek.outbox.backlog", backlog, AtomicLong::get)
                .description("Events stored but not yet published").register(meters);
        Gauge.builder("izek.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest unpublished event").register(meters);
    }

    /**
     * Looks again at the documents known to hold events (a publish failed, or a sweep found them), by id; sweeps
     * every {@code relaySweep}, and on the first run, for events nobody here knows of (another instance died between
     * writing and publishing). On real MongoDB the sweep is an index scan; the embedded store has no secondary
     * indexes and reads every document, which is why it does not run every time.
     */
    @Scheduled(fixedDelayString = "${izek.outbox.relay-interval:2s}", initialDelayString = "${izek.outbox.relay-interval:2s}")
    public void relay() {
        var now = clock.instant();
        if (lastSweep == null || !now.isBefore(lastSweep.plus(properties.relaySweep()))) {
            sweep();
            return;
        }
        var tally = new Tally(now);
        for (var key : publisher.unsettled()) {
            try {
                var document = mongo.getCollection(key.collection()).find(Filters.eq("_id", key.id()))
                        .projection(Projections.include(OutboxEvent.FIELD)).first();
                if (!tally.add(key.collection(), document)) {
                    publisher.settled(key);
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay could not read {}/{}: {}", key.collection(), key.id(), e.toString());
            }
        }
        tally.report();
    }

    /** Searches every outbox collection for documents with events, and publishes those left behind. */
    public void sweep() {
        var tally = new Tally(clock.instant());
        lastSweep = tally.now;
        for (var collection : outboxCollections()) {
            try {
                indexed(collection);
                var documents = mongo.getCollection(collection)
                        .find(Filters.gte(OutboxEvent.FIELD + ".time", Date.from(Instant.EPOCH)))
                        .projection(Projections.include(OutboxEvent.FIELD))
                        .limit(BATCH);
                for (var document : documents) {
                    if (tally.add(collection, document)) {
                        publisher.unsettled(collection, String.valueOf(document.get("_id")));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay could not scan {}: {}", collection, e.toString());
            }
        }
        tally.report();
    }

    /** Counts the backlog of the documents looked at and schedules those whose first event is due. */
    private final class Tally {
        final Instant now;
        final Instant freshLimit;
        long pending;
        Instant oldest;

        Tally(Instant now) {
            this.now = now;
            this.freshLimit = now.minus(properties.relayGrace());
        }

        /** Whether the document still holds events. */
        boolean add(String collection, Document document) {
            var events = document == null ? List.<Document>of() : document.getList(OutboxEvent.FIELD, Document.class, List.of());
            if (events.isEmpty()) {
                return false;
            }
            pending += events.size();
            var first = events.getFirst();
            Instant created = instant(first.getDate("time"), now);
            oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
            Instant due = instant(first.getDate("nextAttemptAt"), created);
            if (created.isBefore(freshLimit) && !due.isAfter(now)) {
                // Never at the same time as a publish of the same document started by its write.
                publisher.schedule(collection, String.valueOf(document.get("_id")));
            }
            return true;
        }

        void report() {
            backlog.set(pending);
            oldestAgeSeconds.set(oldest == null ? 0 : Duration.between(oldest, now).toSeconds());
        }
    }

    private void indexed(String collection) {
        if (indexedCollections.add(collection)) {
            mongo.getCollection(collection).createIndex(Indexes.ascending(OutboxEvent.FIELD + ".time"));
        }
    }

    /** Collections of every mapped document type that implements {@link HasOutbox}. */
    List<String> outboxCollections() {
        var collections = new ArrayList<String>();
        for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            if (HasOutbox.class.isAssignableFrom(entity.getType()) && !collections.contains(entity.getCollection())) {
                collections.add(entity.getCollection());
            }
        }
        return collections;
    }

    private static Instant instant(Date date, Instant fallback) {
        return date == null ? fallback : date.toInstant();
    }
}
