package coop.izek.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import coop.izek.events.NotificationEvents;
import coop.izek.notification.messages.Channel;
import coop.izek.support.observability.TraceCarrier;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.web.StoreUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends due deliveries, one worker per channel so a slow webhook receiver does not hold up email. Each delivery is
 * claimed by one conditional update (so of several instances exactly one sends it),
 * then marked sent, retried after a growing wait, or failed into the failure log, each with its event in the same
 * write. A claim's lease is renewed while its sender is at work ({@link Leases}), so a claim left by a crashed
 * instance is taken over soon after, when its lease ends. On shutdown the sender finishes the delivery in hand and
 * claims no more.
 * <p>
 * Between the moment a mail server has a message and the moment its outcome is written, an instance that dies leaves a
 * claim that looks unsent, and whoever takes it over would send it again. So the sender marks the claim handed over
 * ({@code handedAt}) the moment the message is wholly with the server, before reading its answer, and a lapsed claim so
 * marked is recorded as sent, not sent again. What is left is the time between writing the message's last line and
 * writing that mark, microseconds of work and no round trip; the resilience suite's kills had hit the wider one (up to
 * the server's answer and the outcome's write) now and then. A message the server refuses after taking it whole is
 * tried again as before, and so is one whose answer never comes: there the server, not this instance, was in trouble.
 * <p>
 * Deliveries this instance planned or put back are claimed by id when due, from memory: the embedded store has no
 * secondary indexes, so a search for due deliveries reads the whole collection. That search (the sweep) runs at
 * start and every {@code izek.notification.delivery.sweep}, for what other instances planned and then died with.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Due deliveries a sweep finds at a time. */
    private static final int SWEEP_BATCH = 200;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Leases leases;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final DeliveryProperties properties;
    private final Clock clock;
    private final Map<Channel, AtomicBoolean> draining = new EnumMap<>(Channel.class);
    private final Map<Channel, ExecutorService> workers = new EnumMap<>(Channel.class);
    /** Delivery attempts by channel and outcome (sent, logged-only, retried, failed). */
    private final Map<Channel, Map<String, Counter>> outcomes = new EnumMap<>(Channel.class);
    private final TraceCarrier trace;
    /** Deliveries expected to be due, by channel, soonest first. */
    private final Map<Channel, ConcurrentSkipListSet<Due>> expected = new EnumMap<>(Channel.class);
    /** Channels whose next round searches the store, not only what is expected. */
    private final Map<Channel, AtomicBoolean> sweepWanted = new EnumMap<>(Channel.class);
    private volatile boolean running;

    private record Due(Instant at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    Dispatcher(MongoTemplate mongo, Outbox outbox, Leases leases, List<ChannelSender> senders, DeliveryProperties properties,
               Clock clock, MeterRegistry meters, TraceCarrier trace) {
        this.trace = trace;
        this.leases = leases;
        this.mongo = mongo;
        this.outbox = outbox;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.senders.keySet().forEach(channel -> {
            draining.put(channel, new AtomicBoolean());
            expected.put(channel, new ConcurrentSkipListSet<>());
            sweepWanted.put(channel, new AtomicBoolean(true));
        });
        this.properties = properties;
        this.clock = clock;
        // Every channel's outcomes exist from the start (at 0), so rates and alerts see the first failure.
        for (var channel : this.senders.keySet()) {
            for (var outcome : List.of("sent", "logged-only", "retried", "failed")) {
                outcomes.computeIfAbsent(channel, c -> new java.util.HashMap<>()).put(outcome, Counter.builder("izek.notification.deliveries")
                        .description("Delivery attempts by channel and outcome")
                        .tag("channel", channel.name().toLowerCase(java.util.Locale.ROOT)).tag("outcome", outcome).register(meters));
            }
        }
    }

    private Counter outcomes(Channel channel, String outcome) {
        return outcomes.get(channel).get(outcome);
    }

    /** A delivery just stored as pending: it is claimed by id once due. */
    void expect(Channel channel, String deliveryId, Instant notBefore) {
        var queue = expected.get(channel);
        if (queue != null) {
            queue.add(new Due(notBefore, deliveryId));
        }
    }

    /** Looks for due deliveries now (after new ones were planned). */
    void wake() {
        senders.keySet().forEach(this::wake);
    }

    private void wake(Channel channel) {
        var flag = draining.get(channel);
        if (running && flag.compareAndSet(false, true)) {
            try {
                workers.get(channel).execute(() -> drain(channel));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                flag.set(false);
            }
        }
    }

    /** Expected deliveries that became due (quiet hours over, retry time reached). */
    @Scheduled(fixedDelayString = "${izek.notification.delivery.poll:PT1S}")
    void poll() {
        wake();
    }

    /** Searches the store for due deliveries and ended leases that nobody here expects. */
    @Scheduled(fixedDelayString = "${izek.notification.delivery.sweep:PT30S}", initialDelayString = "${izek.notification.delivery.sweep:PT30S}")
    void sweep() {
        sweepWanted.values().forEach(wanted -> wanted.set(true));
        wake();
    }

    private void drain(Channel channel) {
        try {
            Delivery delivery;
            while (running && (delivery = claimExpected(channel)) != null) {
                deliver(delivery);
            }
            if (sweepWanted.get(channel).getAndSet(false)) {
                List<String> found;
                do {
                    found = due(channel);
                    for (var id : found) {
                        if (!running) {
                            return;
                        }
                        if ((delivery = claim(id)) != null) {
                            deliver(delivery);
                        }
                    }
                } while (running && found.size() == SWEEP_BATCH);
            }
        } catch (RuntimeException e) {
            log.warn("Delivery round stopped; the next one picks up", e);
        } finally {
            draining.get(channel).set(false);
        }
    }

    /** The first expected delivery that is due and still unclaimed; ones claimed elsewhere are expected again when their lease ends. */
    private Delivery claimExpected(Channel channel) {
        var queue = expected.get(channel);
        Due next;
        while ((next = queue.pollFirst()) != null) {
            var now = clock.instant();
            if (next.at().isAfter(now)) {
                queue.add(next);
                return null;
            }
            var claimed = claim(next.id());
            if (claimed != null) {
                return claimed;
            }
            var current = mongo.findById(next.id(), Delivery.class);
            if (current != null && current.status == DeliveryStatus.SENDING && current.leaseUntil != null) {
                queue.add(new Due(current.leaseUntil.plusMillis(1), current.id));
            } else if (current != null && current.status == DeliveryStatus.PENDING && current.notBefore != null) {
                queue.add(new Due(current.notBefore, current.id));
            }
        }
        return null;
    }

    /**
     * Searches the store for the channel's due deliveries, longest due first: a read, then a claim of each by id. On the
     * embedded store the search reads every delivery, and as the filter of a claim it did so holding every write of the
     * platform back, once per delivery claimed.
     */
    private List<String> due(Channel channel) {
        var query = Query.query(new Criteria().andOperator(Criteria.where("channel").is(channel), due(clock.instant())))
                .with(Sort.by("notBefore")).limit(SWEEP_BATCH);
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, mongo.getCollectionName(Delivery.class)).stream().map(found -> String.valueOf(found.get("_id"))).toList();
    }

    /** Claims the delivery if it is still due: another instance may have claimed it since it was found. */
    private Delivery claim(String id) {
        var now = clock.instant();
        return mongo.findAndModify(Query.query(new Criteria().andOperator(Criteria.where("_id").is(id), due(now))),
                claimUpdate(now), FindAndModifyOptions.options().returnNew(true), Delivery.class);
    }

    /** Pending and due, or claimed by an instance whose lease has ended: what any instance may claim. */
    static Criteria due(Instant now) {
        return new Criteria().orOperator(
                Criteria.where("status").is(DeliveryStatus.PENDING).and("notBefore").lte(now),
                Criteria.where("status").is(DeliveryStatus.SENDING).and("leaseUntil").lt(now));
    }

    private Update claimUpdate(Instant now) {
        return new Update().set("status", DeliveryStatus.SENDING).set("leaseUntil", leases.newLease(now)).inc("attempts", 1);
    }

    private void deliver(Delivery delivery) {
        var claim = leases.hold(delivery);
        try {
            deliver(delivery, claim);
        } finally {
            leases.release(claim);
        }
    }

    private void deliver(Delivery delivery, Leases.Claim claim) {
        if (delivery.handedAt != null) {
            log.info("Delivery {} was handed over at {} by an instance that stopped before hearing the answer; recorded as sent",
                    delivery.id, delivery.handedAt);
            recordSent(delivery, claim, new ChannelSender.Sent(delivery.address, delivery.subject, DeliveryStatus.SENT,
                    "Handed to the server by an instance that stopped before its answer"));
            return;
        }
        var sender = senders.get(delivery.channel);
        ChannelSender.Sent sent;
        try {
            // A span of the event's trace, so a trace shows each message the event caused going out.
            sent = trace.within(delivery.trace, "deliver " + delivery.channel.name().toLowerCase(java.util.Locale.ROOT),
                    () -> sender.send(delivery, (address, subject) -> markHanded(delivery, address, subject)));
        } catch (ChannelSender.Undeliverable e) {
            fail(delivery, e.getMessage());
            return;
        } catch (Exception e) {
            if (delivery.attempts >= properties.maxAttempts()) {
                fail(delivery, describe(e));
            } else {
                var retryAt = clock.instant().plus(properties.retryAfter(delivery.attempts));
                if (finish(delivery, new Update().set("status", DeliveryStatus.PENDING).unset("leaseUntil").unset("handedAt")
                        .set("notBefore", retryAt).set("lastError", describe(e)), null)) {
                    expect(delivery.channel, delivery.id, retryAt);
                }
                outcomes(delivery.channel, "retried").increment();
            }
            return;
        }
        recordSent(delivery, claim, sent);
    }

    /**
     * The claim's mark that the server has the message: written straight through the driver, with nothing mapped, so
     * little happens between the message's last line and this. A mark that cannot be written leaves things as they
     * were without it.
     */
    private void markHanded(Delivery delivery, String address, String subject) {
        try {
            mongo.getCollection(mongo.getCollectionName(Delivery.class)).updateOne(
                    new org.bson.Document("_id", delivery.id).append("status", DeliveryStatus.SENDING.name()).append("attempts", delivery.attempts),
                    new org.bson.Document("$set", new org.bson.Document("handedAt", java.util.Date.from(clock.instant()))
                            .append("address", address).append("subject", subject)));
        } catch (RuntimeException e) {
            log.warn("Delivery {} is with the server but could not be marked so: {}", delivery.id, e.toString());
        }
    }

    /**
     * The message has gone, so its outcome is written even while the store cannot be reached (tried again until the
     * claim's lease ends): a claim that lapsed unrecorded would be sent a second time by whoever took it over. The
     * resilience suite found this when the store was killed while mail went out.
     */
    private void recordSent(Delivery delivery, Leases.Claim claim, ChannelSender.Sent sent) {
        while (true) {
            try {
                finish(delivery, new Update().set("status", sent.outcome()).set("sentAt", clock.instant()).set("address", sent.address())
                                .set("subject", sent.subject()).set("note", sent.note()).unset("leaseUntil").unset("lastError"),
                        NotificationEvents.NOTIFICATION_SENT.of(delivery.id, new NotificationEvents.NotificationSent(delivery.id,
                                delivery.eventId, delivery.eventType, delivery.kind, delivery.channel.name(), delivery.personId,
                                delivery.organisationId, sent.outcome().name(), clock.instant())));
                outcomes(delivery.channel, sent.outcome() == DeliveryStatus.SENT ? "sent" : "logged-only").increment();
                return;
            } catch (RuntimeException e) {
                if (!StoreUnavailable.is(e) || claim.until == null || !clock.instant().isBefore(claim.until)) {
                    log.error("Delivery {} went out but its outcome could not be recorded; it may go again: {}", delivery.id, e.toString());
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void fail(Delivery delivery, String reason) {
        outcomes(delivery.channel, "failed").increment();
        log.warn("Delivery {} failed after {} attempt(s): {}", delivery.id, delivery.attempts, reason);
        finish(delivery, new Update().set("status", DeliveryStatus.FAILED).set("failedAt", clock.instant()).set("lastError", reason)
                        .unset("leaseUntil").unset("handedAt"),
                NotificationEvents.NOTIFICATION_FAILED.of(delivery.id, new NotificationEvents.NotificationFailed(delivery.id,
                        delivery.eventId, delivery.eventType, delivery.kind, delivery.channel.name(), delivery.personId,
                        delivery.organisationId, delivery.attempts, reason, clock.instant())));
    }

    /** Writes the outcome if the claim is still ours (same attempt, still SENDING), with its event. */
    private boolean finish(Delivery delivery, Update update, coop.izek.events.DomainEvent<?> event) {
        if (event != null) {
            update.push(OutboxEvent.FIELD, outbox.toOutboxEvent(event));
        }
        var mine = Query.query(Criteria.where("_id").is(delivery.id).and("status").is(DeliveryStatus.SENDING)
                .and("attempts").is(delivery.attempts));
        if (mongo.updateFirst(mine, update, Delivery.class).getModifiedCount() == 0) {
            return false;
        }
        if (event != null) {
            outbox.afterWrite(Delivery.class, delivery.id);
        }
        return true;
    }

    private static String describe(Exception e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }

    @Override
    public void start() {
        senders.keySet().forEach(channel -> workers.put(channel, Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("delivery-" + channel.name().toLowerCase(java.util.Locale.ROOT)).factory())));
        running = true;
        wake();
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(ExecutorService::shutdown);
        try {
            for (var worker : workers.values()) {
                if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the broker and store clients (higher phases stop first). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
