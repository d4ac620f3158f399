package coop.izek.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

import coop.izek.events.CloudEventHeaders;
import coop.izek.support.observability.TraceCarrier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends one aggregate's pending events to Kafka as CloudEvents (binary mode), in order, and removes them from the
 * document once the broker has them. A few publisher threads take documents in the order they were asked for, one
 * publish of a document at a time, so its events keep their order; a document whose publish waits (for a broker
 * that does not know its topic) holds one thread, not every document that would have shared it.
 */
class OutboxPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String source;
    private final ExecutorService publishers;
    /** Documents asked for and not yet published, and where their publish stands. */
    private final ConcurrentHashMap<Key, Publish> publishing = new ConcurrentHashMap<>();
    /** Documents left holding events after a publish (it failed, or later events wait behind a failed one). */
    private final Set<Key> unsettled = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    /** By event type: enrolments, cancellations, payments … per day are rates of these. */
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Counter failed;
    private final TraceCarrier trace;

    OutboxPublisher(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties, Clock clock,
                    String source, MeterRegistry meters, TraceCarrier trace) {
        this.trace = trace;
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.source = source;
        // Platform threads, as few as the lanes were: more at once, on virtual threads, made the rush's events wait
        // longer for the store (fix 50 in docs/benchmarks.md).
        this.publishers = Executors.newFixedThreadPool(Math.max(1, properties.publishers()),
                Thread.ofPlatform().name("outbox-", 0).daemon().factory());
        this.meters = meters;
        this.failed = Counter.builder("izek.outbox.publish.failures").description("Failed attempts to publish an outbox event").register(meters);
    }

    /** A document with an outbox. */
    record Key(String collection, String id) {
    }

    private enum Publish { QUEUED, RUNNING, RUNNING_ASKED_AGAIN }

    Set<Key> unsettled() {
        return Set.copyOf(unsettled);
    }

    void unsettled(String collection, String id) {
        unsettled.add(new Key(collection, id));
    }

    void settled(Key key) {
        unsettled.remove(key);
    }

    /**
     * Publishes the document's outbox soon. Asked again before its publish starts, that publish is enough; asked while
     * it runs (its events may have been read already), it runs once more when done, however often it was asked.
     */
    void schedule(String collection, String id) {
        var key = new Key(collection, id);
        var first = new boolean[1];
        publishing.compute(key, (k, now) -> {
            first[0] = now == null;
            return now == null || now == Publish.QUEUED ? Publish.QUEUED : Publish.RUNNING_ASKED_AGAIN;
        });
        if (first[0]) {
            publishers.execute(() -> publishUntilNotAskedAgain(key));
        }
    }

    private void publishUntilNotAskedAgain(Key key) {
        try {
            publishing.replace(key, Publish.QUEUED, Publish.RUNNING);
            do {
                publishNow(key.collection(), key.id());
            } while (publishing.computeIfPresent(key, (k, now) -> now == Publish.RUNNING_ASKED_AGAIN ? Publish.RUNNING : null) != null);
        } catch (RuntimeException | Error e) {
            publishing.remove(key);
            throw e;
        }
    }

    /** Publishes the due events of one document. */
    private void publishNow(String collection, String id) {
        try {
            var document = mongo.getCollection(collection)
                    .find(Filters.eq("_id", id))
                    .projection(Projections.include(OutboxEvent.FIELD))
                    .first();
            if (document == null) {
                return;
            }
            var events = document.getList(OutboxEvent.FIELD, Document.class, List.of());
            // All due events are handed to the producer at once and awaited in order: one round trip to the broker for
            // a batch, not one per event. The producer keeps their order (same key, same partition, idempotent).
            var sending = new ArrayList<Map.Entry<Document, CompletableFuture<?>>>();
            for (var event : events) {
                var nextAttempt = event.getDate("nextAttemptAt");
                if (nextAttempt != null && nextAttempt.toInstant().isAfter(clock.instant())) {
                    break;
                }
                try {
                    var record = toRecord(event);
                    sending.add(Map.entry(event, trace.within(carried(event), "outbox publish", () -> kafka.send(record))));
                } catch (Exception e) {
                    sending.add(Map.entry(event, CompletableFuture.failedFuture(e)));
                    break;
                }
            }
            var sent = new ArrayList<String>();
            for (var sendingEvent : sending) {
                var event = sendingEvent.getKey();
                try {
                    sendingEvent.getValue().get(30, TimeUnit.SECONDS);
                    sent.add(event.getString("eventId"));
                    published.computeIfAbsent(String.valueOf(event.getString("type")), type -> Counter.builder("izek.outbox.published")
                            .description("Events the outbox handed to Kafka, by event type").tag("type", type).register(meters)).increment();
                } catch (Exception e) {
                    failed.increment();
                    recordFailure(collection, id, event, e);
                    break;
                }
            }
            if (!sent.isEmpty()) {
                mongo.getCollection(collection).updateOne(Filters.eq("_id", id),
                        Updates.pull(OutboxEvent.FIELD, Filters.in("eventId", sent)));
            }
            if (sent.size() < events.size()) {
                unsettled(collection, id);
            }
        } catch (RuntimeException e) {
            unsettled(collection, id);
            log.warn("Could not publish the outbox of {}/{}; the relay will try again: {}", collection, id, e.toString());
        }
    }

    private static Map<String, String> carried(Document event) {
        var trace = event.get("trace", Document.class);
        if (trace == null) {
            return null;
        }
        var headers = new java.util.LinkedHashMap<String, String>();
        trace.forEach((key, value) -> headers.put(key, String.valueOf(value)));
        return headers;
    }

    private ProducerRecord<String, byte[]> toRecord(Document event) {
        var subject = event.getString("subject");
        var record = new ProducerRecord<String, byte[]>(event.getString("topic"), subject,
                event.getString("payload").getBytes(StandardCharsets.UTF_8));
        var headers = record.headers();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(event.getString("eventId")));
        headers.add(CloudEventHeaders.TYPE, bytes(event.getString("type")));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
        headers.add(CloudEventHeaders.TIME, bytes(event.getDate("time").toInstant().atOffset(ZoneOffset.UTC).toString()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return record;
    }

    private void recordFailure(String collection, String id, Document event, Exception error) {
        int attempts = event.getInteger("attempts", 0) + 1;
        Instant next = clock.instant().plus(properties.backoff(attempts));
        var cause = error.getCause() != null ? error.getCause() : error;
        log.warn("Publishing {} {} of {}/{} failed (attempt {}), next try at {}: {}", event.getString("type"),
                event.getString("eventId"), collection, id, attempts, next, cause.toString());
        mongo.getCollection(collection).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq(OutboxEvent.FIELD + ".eventId", event.getString("eventId"))),
                Updates.combine(
                        Updates.set(OutboxEvent.FIELD + ".$.attempts", attempts),
                        Updates.set(OutboxEvent.FIELD + ".$.nextAttemptAt", Date.from(next)),
                        Updates.set(OutboxEvent.FIELD + ".$.lastError", truncate(cause.toString()))));
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() throws InterruptedException {
        publishers.shutdown();
        publishers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
