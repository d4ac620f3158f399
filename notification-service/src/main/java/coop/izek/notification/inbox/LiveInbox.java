package coop.izek.notification.inbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import coop.izek.support.observability.TraceCarrier;

/**
 * Pushes new inbox items to connected browsers. An item put in the inbox by this instance goes out at once; items
 * other instances wrote are found by a short poll of the store, so a person connected to any instance sees every
 * new message. Each connection remembers what it was sent, so an item found both ways goes once.
 * <p>
 * The poll reads each connected person's latest item ids (one small document per person, by id) and then only the
 * items it has not sent, by id: the embedded store has no secondary indexes, so a search of a person's items by
 * time would read every item of everyone.
 */
@Component
public class LiveInbox implements SmartLifecycle {

    /** Items written by other instances can land a little after their creation time; look back this far. */
    private static final Duration LATE_ARRIVALS = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(LiveInbox.class);

    private final MongoTemplate mongo;
    private final StreamProperties properties;
    private final Clock clock;
    private final OpenStreams<Connection> connections = new OpenStreams<>();
    private volatile boolean running;

    private final Counter pushed;

    private final TraceCarrier trace;

    LiveInbox(MongoTemplate mongo, StreamProperties properties, Clock clock, MeterRegistry meters, TraceCarrier trace) {
        this.trace = trace;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.pushed = Counter.builder("izek.notification.deliveries")
                .description("Delivery attempts by channel and outcome").tag("channel", "live-stream").tag("outcome", "sent").register(meters);
        Gauge.builder("izek.notification.stream.connections", connections, OpenStreams::count)
                .description("Open live-inbox streams on this instance").register(meters);
    }

    /**
     * A stream of the person's new items: those created from now on, or after {@code lastEventId} when a browser
     * reconnects, so nothing is missed in between.
     */
    public SseEmitter connect(String personId, String lastEventId) {
        var since = clock.instant();
        if (lastEventId != null) {
            var last = mongo.findOne(Query.query(Criteria.where("_id").is(lastEventId).and("personId").is(personId)), InboxItem.class);
            if (last != null) {
                since = last.createdAt();
            }
        }
        var connection = new Connection(personId, new SseEmitter(properties.timeout().toMillis()), since);
        if (lastEventId != null) {
            connection.sent.put(lastEventId, since);
        }
        connections.open(personId, connection);
        connection.emitter.onCompletion(() -> disconnect(connection));
        connection.emitter.onTimeout(() -> disconnect(connection));
        connection.emitter.onError(e -> disconnect(connection));
        // The first bytes tell the browser the stream is open; a reconnecting one then gets what it missed.
        connection.comment("connected");
        if (lastEventId != null) {
            search(connection);
        } else {
            poll(List.of(connection));
        }
        return connection.emitter;
    }

    /**
     * Items this instance just put in inboxes: pushed to its streams at once, then listed among their people's latest
     * for the other instances, in one write.
     */
    void delivered(List<InboxItem> items) {
        if (items.isEmpty()) {
            return;
        }
        try {
            for (var item : items) {
                for (var connection : connections.of(item.personId())) {
                    connection.push(item);
                }
            }
        } finally {
            list(items);
        }
    }

    boolean streaming(String personId) {
        return !connections.of(personId).isEmpty();
    }

    /**
     * Items an earlier attempt at the same events stored, which may have ended before it told any stream: listed
     * again, with the times they were stored at, so each stream's poll sends them where they have not gone yet.
     */
    void deliveredBefore(List<String> itemIds) {
        if (!itemIds.isEmpty()) {
            list(mongo.find(Query.query(Criteria.where("_id").in(itemIds)), InboxItem.class));
        }
    }

    private void list(List<InboxItem> items) {
        var byPerson = new LinkedHashMap<String, List<LatestItems.Item>>();
        for (var item : items) {
            byPerson.computeIfAbsent(item.personId(), p -> new ArrayList<>()).add(new LatestItems.Item(item.id(), item.createdAt()));
        }
        if (byPerson.isEmpty()) {
            return;
        }
        try {
            var listing = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LatestItems.class);
            byPerson.forEach((personId, latest) -> listing.upsert(Query.query(Criteria.where("_id").is(personId)),
                    new Update().push("items").slice(-LatestItems.KEPT).each(latest.toArray())));
            listing.execute();
        } catch (RuntimeException e) {
            // The items are in the inboxes and went to this instance's streams; the others' streams miss them.
            log.warn("Could not list {} inbox items for the other instances' streams: {}", items.size(), e.toString());
        }
    }

    void forget(String personId) {
        mongo.remove(Query.query(Criteria.where("_id").is(personId)), LatestItems.class);
    }

    @Scheduled(fixedDelayString = "${izek.notification.stream.poll:PT0.5S}")
    void pollAll() {
        var all = connections.all();
        if (!all.isEmpty()) {
            poll(all);
        }
    }

    /** Keeps idle connections open through proxies, and finds the ones whose browser has gone. */
    @Scheduled(fixedDelayString = "${izek.notification.stream.heartbeat:PT20S}")
    void heartbeat() {
        connections.forEach(c -> c.comment("keep-alive"));
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server drains its requests (streams never finish on their own); browsers
     * reconnect, to another instance if this one is going away.
     */
    @Override
    public void stop() {
        running = false;
        connections.forEach(c -> c.emitter.complete());
        connections.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Sends each connection the latest items of its person that it has not sent yet. */
    private void poll(List<Connection> batch) {
        var latest = new HashMap<String, List<LatestItems.Item>>();
        for (var person : mongo.find(Query.query(Criteria.where("_id").in(batch.stream().map(c -> c.personId).distinct().toList())),
                LatestItems.class)) {
            latest.put(person.personId(), person.items());
        }
        var unsent = new java.util.HashSet<String>();
        for (var connection : batch) {
            var cursor = connection.cursor();
            latest.getOrDefault(connection.personId, List.of()).stream()
                    .filter(item -> !item.createdAt().isBefore(cursor) && !connection.sent.containsKey(item.id()))
                    .forEach(item -> unsent.add(item.id()));
        }
        var items = unsent.isEmpty() ? List.<InboxItem>of() : mongo.find(Query.query(Criteria.where("_id").in(unsent))
                .with(Sort.by("createdAt")), InboxItem.class);
        for (var connection : batch) {
            items.stream().filter(item -> item.personId().equals(connection.personId)).forEach(connection::push);
            connection.forgetOlderThanCursor();
        }
    }

    /** A reconnecting browser's missed items, however many: a search of the person's items. */
    private void search(Connection connection) {
        for (var item : mongo.find(Query.query(Criteria.where("personId").is(connection.personId).and("createdAt").gte(connection.cursor()))
                .with(Sort.by("createdAt")), InboxItem.class)) {
            connection.push(item);
        }
    }

    private void disconnect(Connection connection) {
        connections.close(connection.personId, connection);
    }

    private final class Connection {
        final String personId;
        final SseEmitter emitter;
        /** Nothing created before this is sent: the stream carries new items only. */
        final Instant floor;
        volatile Instant newest;
        /** Items sent, by creation time, kept while a poll could find them again. */
        final ConcurrentHashMap<String, Instant> sent = new ConcurrentHashMap<>();

        Connection(String personId, SseEmitter emitter, Instant floor) {
            this.personId = personId;
            this.emitter = emitter;
            this.floor = floor;
            this.newest = floor;
        }

        /** Where the next poll looks from: a little before the newest item seen, never before the floor. */
        Instant cursor() {
            var back = newest.minus(LATE_ARRIVALS);
            return back.isAfter(floor) ? back : floor;
        }

        synchronized void push(InboxItem item) {
            if (item.createdAt().isBefore(floor) || sent.putIfAbsent(item.id(), item.createdAt()) != null) {
                return;
            }
            if (item.createdAt().isAfter(newest)) {
                newest = item.createdAt();
            }
            var wentOut = new boolean[1];
            trace.run(item.trace(), "deliver live-stream", () -> wentOut[0] = send(SseEmitter.event().id(item.id()).name("notification")
                    .data(Inbox.toMessage(item), MediaType.APPLICATION_JSON)));
            if (!wentOut[0]) {
                // A browser that has gone; one still there reconnects with Last-Event-ID and gets the item then.
                log.info("Live stream of person {} ended while item {} was sent to it; the item stays in the inbox", personId, item.id());
                return;
            }
            pushed.increment();
        }

        void comment(String text) {
            send(SseEmitter.event().comment(text));
        }

        void forgetOlderThanCursor() {
            var cursor = cursor();
            sent.values().removeIf(createdAt -> createdAt.isBefore(cursor));
        }

        /** Whether the event went out; a stream that cannot take it is closed. */
        private boolean send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
                return true;
            } catch (IOException | RuntimeException gone) {
                disconnect(this);
                emitter.completeWithError(gone);
                return false;
            }
        }
    }
}
