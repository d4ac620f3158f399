package coop.izek.support.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaUtils;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import coop.izek.events.CloudEventHeaders;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a consumer gave up on, kept in the service's own store for staff: each is parked here (and in
 * {@code <topic>.dlt}) by the consumer that failed, and staff list them, fix a record's headers or body, and replay it
 * or discard it. A replay goes back to the record's own topic marked {@value #REPLAY_FOR} with the consumer group that
 * parked it; every other group's listeners pass it by (see {@link DeadLettersAutoConfiguration}), and the group that
 * failed applies it as it applies any event, once by its id.
 */
public class DeadLetters {

    public static final String COLLECTION = "dead_letters";
    /** Set when a letter was replayed or discarded: what housekeeping expires. */
    public static final String HANDLED_AT = "handledAt";
    /** The consumer group a replayed record is meant for. */
    public static final String REPLAY_FOR = "izek-replay-for";
    /** The dead letter a replayed record comes from. */
    public static final String REPLAY_OF = "izek-replay-of";

    /** A letter being replayed longer than this was left by an instance that died mid-replay: it may be replayed again. */
    static final Duration REPLAY_LEASE = Duration.ofMinutes(1);
    private static final int MAX_REASON = 2_000;

    public enum Status { PARKED, REPLAYING, REPLAYED, DISCARDED }

    /** A dead letter as staff see it; {@code value} is the body as text, or {@code valueBase64} when it is not UTF-8. */
    public record View(String id, String consumerGroup, String topic, int partition, long offset, String key,
                       Map<String, String> headers, String value, String valueBase64, String eventId, String eventType,
                       Status status, String reason, String failure, Instant parkedAt, int timesParked,
                       Instant fixedAt, String fixedBy, Instant replayedAt, String replayedBy,
                       Instant discardedAt, String discardedBy, String discardReason, String replayOf) {
    }

    /** A fix: headers to set (a null value removes the header) and, when given, the whole new body. */
    public record Fix(Map<String, String> headers, String value) {
    }

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Clock clock;

    DeadLetters(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Parks a record the current consumer gave up on. Called on the consumer's thread before the record goes to the
     * dead-letter topic; a failure here leaves the record to be retried, so nothing is lost. Parking the same record
     * again (a retried recovery) keeps one letter.
     */
    public void park(ConsumerRecord<?, ?> record, Exception cause) {
        var group = java.util.Objects.requireNonNullElse(KafkaUtils.getConsumerGroupId(), "unknown");
        var id = idOf(group, record);
        var failure = failure(cause);
        var headers = new ArrayList<Document>();
        for (Header header : record.headers()) {
            headers.add(new Document("name", header.key()).append("value", header.value() == null ? null : text(header.value())));
        }
        var letter = new Document("consumerGroup", group)
                .append("topic", record.topic())
                .append("partition", record.partition())
                .append("offset", record.offset())
                .append("key", record.key() == null ? null : record.key().toString())
                .append("headers", headers)
                .append("status", Status.PARKED.name())
                .append("reason", truncate(failure.getMessage() == null ? failure.toString() : failure.getMessage()))
                .append("failure", failure.getClass().getName())
                .append("parkedAt", Date.from(clock.instant()));
        body(letter, record.value());
        var replayOf = headerOf(record, REPLAY_OF);
        if (replayOf != null) {
            letter.append("replayOf", replayOf);
        }
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.setOnInsert(letter), Updates.inc("timesParked", 1)), new UpdateOptions().upsert(true));
    }

    /** Newest first; {@code status} and {@code topic} narrow the list when given. */
    public PageResponse<View> list(Status status, String topic, int page, int size) {
        var conditions = new ArrayList<Bson>();
        if (status != null) {
            conditions.add(Filters.eq("status", status.name()));
        }
        if (topic != null && !topic.isBlank()) {
            conditions.add(Filters.eq("topic", topic));
        }
        var filter = conditions.isEmpty() ? new Document() : Filters.and(conditions);
        var collection = mongo.getCollection(COLLECTION);
        var items = new ArrayList<View>();
        for (var letter : collection.find(filter).sort(Sorts.descending("parkedAt")).skip(page * size).limit(size)) {
            items.add(view(letter));
        }
        return new PageResponse<>(items, page, size, collection.countDocuments(filter));
    }

    public View find(String id) {
        return view(letter(id));
    }

    /** Changes a parked letter's headers or body before it is replayed; the first version is kept as {@code original}. */
    public View fix(String id, Fix fix, Caller staff) {
        var letter = letter(id);
        requireStatus(letter, Status.PARKED, "fixed");
        var headers = new ArrayList<Document>();
        for (var header : letter.getList("headers", Document.class, List.of())) {
            if (fix.headers() == null || !fix.headers().containsKey(header.getString("name"))) {
                headers.add(header);
            }
        }
        if (fix.headers() != null) {
            fix.headers().forEach((name, value) -> {
                if (value != null) {
                    headers.add(new Document("name", name).append("value", value));
                }
            });
        }
        var changed = new Document("headers", headers);
        if (fix.value() != null) {
            changed.append("value", fix.value()).append("valueBase64", null);
        }
        var contentType = headers.stream().filter(h -> "content-type".equalsIgnoreCase(h.getString("name")))
                .map(h -> h.getString("value")).reduce((first, last) -> last).orElse(null);
        var value = fix.value() != null ? fix.value() : letter.getString("value");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json") && !isJson(value)) {
            throw ProblemException.ruleViolated("dead-letter-not-json",
                    "The record says its body is " + contentType + ", but the body is not JSON.");
        }
        var update = new ArrayList<Bson>();
        changed.forEach((name, v) -> update.add(Updates.set(name, v)));
        update.add(Updates.set("fixedAt", Date.from(clock.instant())));
        update.add(Updates.set("fixedBy", staff.id()));
        if (!letter.containsKey("original")) {
            update.add(Updates.set("original", new Document("headers", letter.get("headers"))
                    .append("value", letter.get("value")).append("valueBase64", letter.get("valueBase64"))));
        }
        var fixed = mongo.getCollection(COLLECTION).findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.PARKED.name())), Updates.combine(update),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (fixed == null) {
            throw notParked(letter(id), "fixed");
        }
        return view(fixed);
    }

    /**
     * Sends the letter, as it is now, back to its topic for the group that parked it. Two staff replaying at once
     * replay it once: the letter is claimed first. If the broker does not take it, the letter stays parked.
     */
    public View replay(String id, Caller staff) {
        var now = clock.instant();
        var collection = mongo.getCollection(COLLECTION);
        var claimable = Filters.or(Filters.eq("status", Status.PARKED.name()),
                Filters.and(Filters.eq("status", Status.REPLAYING.name()), Filters.lt("replayingSince", Date.from(now.minus(REPLAY_LEASE)))));
        var claimed = collection.findOneAndUpdate(Filters.and(Filters.eq("_id", id), claimable),
                Updates.combine(Updates.set("status", Status.REPLAYING.name()), Updates.set("replayingSince", Date.from(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            throw notParked(letter(id), "replayed");
        }
        try {
            kafka.send(replayRecord(id, claimed)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw release(id, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw release(id, e);
        }
        var handled = Date.from(clock.instant());
        return view(collection.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                        Updates.set("status", Status.REPLAYED.name()), Updates.set("replayedAt", handled), Updates.set(HANDLED_AT, handled),
                        Updates.set("replayedBy", staff.id()), Updates.unset("replayingSince")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Closes a letter that should never be applied (a record no consumer will ever understand, or one applied by hand). */
    public View discard(String id, String reason, Caller staff) {
        var handled = Date.from(clock.instant());
        var discarded = mongo.getCollection(COLLECTION).findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.PARKED.name())),
                Updates.combine(Updates.set("status", Status.DISCARDED.name()), Updates.set("discardedAt", handled),
                        Updates.set(HANDLED_AT, handled), Updates.set("discardedBy", staff.id()), Updates.set("discardReason", reason)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (discarded == null) {
            throw notParked(letter(id), "discarded");
        }
        return view(discarded);
    }

    private ProducerRecord<String, byte[]> replayRecord(String id, Document letter) {
        var record = new ProducerRecord<String, byte[]>(letter.getString("topic"), letter.getString("key"), bodyOf(letter));
        for (var header : letter.getList("headers", Document.class, List.of())) {
            var name = header.getString("name");
            if (!REPLAY_FOR.equals(name) && !REPLAY_OF.equals(name)) {
                var value = header.getString("value");
                record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
            }
        }
        record.headers().add(REPLAY_FOR, letter.getString("consumerGroup").getBytes(StandardCharsets.UTF_8));
        record.headers().add(REPLAY_OF, id.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private ProblemException release(String id, Exception cause) {
        mongo.getCollection(COLLECTION).updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", Status.REPLAYING.name())),
                Updates.combine(Updates.set("status", Status.PARKED.name()), Updates.unset("replayingSince")));
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Service unavailable",
                "The event broker did not take the replay (" + root(cause).getClass().getSimpleName() + "); the letter is still parked.",
                Map.of(ProblemException.RETRY_AFTER_SECONDS, 5));
    }

    private Document letter(String id) {
        var letter = mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first();
        if (letter == null) {
            throw ProblemException.notFound("dead letter", id);
        }
        return letter;
    }

    private static void requireStatus(Document letter, Status status, String action) {
        if (!status.name().equals(letter.getString("status"))) {
            throw notParked(letter, action);
        }
    }

    private static ProblemException notParked(Document letter, String action) {
        return ProblemException.conflict("dead-letter-handled", "Dead letter " + letter.getString("_id") + " is "
                + letter.getString("status") + "; only a parked letter can be " + action + ".");
    }

    private boolean isJson(String value) {
        if (value == null) {
            return false;
        }
        try {
            json.readTree(value);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    static String idOf(String group, ConsumerRecord<?, ?> record) {
        return group + ":" + record.topic() + ":" + record.partition() + ":" + record.offset();
    }

    private static void body(Document letter, Object value) {
        if (value == null) {
            letter.append("value", null);
        } else if (value instanceof byte[] bytes) {
            var text = utf8(bytes);
            letter.append("value", text).append("valueBase64", text == null ? Base64.getEncoder().encodeToString(bytes) : null);
        } else {
            letter.append("value", value.toString());
        }
    }

    private static byte[] bodyOf(Document letter) {
        var base64 = letter.getString("valueBase64");
        if (base64 != null) {
            return Base64.getDecoder().decode(base64);
        }
        var value = letter.getString("value");
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String text(byte[] bytes) {
        var text = utf8(bytes);
        return text != null ? text : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String headerOf(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first cause that is not the listener container's wrapping: the failure as the consumer's own code saw it. */
    private static Throwable failure(Throwable e) {
        Throwable failure = e;
        while (failure.getCause() != null && failure.getCause() != failure
                && failure.getClass().getName().startsWith("org.springframework.kafka.")) {
            failure = failure.getCause();
        }
        return failure;
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    private static View view(Document letter) {
        var headers = new LinkedHashMap<String, String>();
        for (var header : letter.getList("headers", Document.class, List.of())) {
            headers.put(header.getString("name"), header.getString("value"));
        }
        return new View(letter.getString("_id"), letter.getString("consumerGroup"), letter.getString("topic"),
                letter.getInteger("partition", -1), ((Number) letter.get("offset")).longValue(), letter.getString("key"), headers,
                letter.getString("value"), letter.getString("valueBase64"), headers.get(CloudEventHeaders.ID),
                headers.get(CloudEventHeaders.TYPE), Status.valueOf(letter.getString("status")), letter.getString("reason"),
                letter.getString("failure"), instant(letter, "parkedAt"), letter.getInteger("timesParked", 1),
                instant(letter, "fixedAt"), letter.getString("fixedBy"), instant(letter, "replayedAt"), letter.getString("replayedBy"),
                instant(letter, "discardedAt"), letter.getString("discardedBy"), letter.getString("discardReason"),
                letter.getString("replayOf"));
    }

    private static Instant instant(Document letter, String field) {
        var date = letter.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
