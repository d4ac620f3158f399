package coop.izek.support.messaging;

import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import coop.izek.support.observability.TraceCarrier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every instance reading a topic's new records as they arrive, beside the consumer group that applies them: for work
 * each instance must see for itself (telling the browsers connected to it) and that the group's consumer also does
 * durably, later. It belongs to no group and commits nothing: it starts at the end of every partition (what came
 * before is the group's), takes partitions added later, and a record its reader fails on is skipped.
 */
public final class TopicTail implements SmartLifecycle {

    /** What a tail hands its records to, on the tail's own thread. */
    public interface Reader {

        /** One new event, in the trace of what caused it. */
        void read(IncomingEvent event);

        /** After the events of one poll: what they have in common can be done once (one write for the lot). */
        void endOfPoll();
    }

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the topic's partitions are looked up again; sooner while it has none yet. */
    private static final Duration PARTITIONS_AGAIN = Duration.ofSeconds(30);
    private static final Duration NO_PARTITIONS_YET = Duration.ofSeconds(1);

    private final ConsumerFactory<String, byte[]> consumers;
    private final JsonMapper json;
    private final String topic;
    private final Reader reader;
    private final TraceCarrier trace;
    private volatile boolean running;
    private volatile Thread thread;
    /** Counted down by {@link #stop}: what the tail waits on between attempts, so a stop ends the wait at once. */
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;

    TopicTail(ConsumerFactory<String, byte[]> consumers, JsonMapper json, TraceCarrier trace, String topic,
              Reader reader) {
        this.consumers = consumers;
        this.trace = trace;
        this.json = json;
        this.topic = topic;
        this.reader = reader;
    }

    @Override
    public void start() {
        running = true;
        var stop = new CountDownLatch(1);
        stopped = stop;
        thread = Thread.ofPlatform().daemon().name("tail-" + topic).start(() -> follow(stop));
    }

    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        var reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        var following = thread;
        if (following != null) {
            try {
                following.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow(CountDownLatch stop) {
        var overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (var reading = consumers.createConsumer(null, "tail-" + topic, null, overrides)) {
            consumer = reading;
            var assigned = new HashSet<TopicPartition>();
            long lookAgainAt = System.nanoTime();
            while (running) {
                try {
                    if (System.nanoTime() - lookAgainAt >= 0) {
                        assignNew(reading, assigned);
                        lookAgainAt = System.nanoTime() + (assigned.isEmpty() ? NO_PARTITIONS_YET : PARTITIONS_AGAIN).toNanos();
                    }
                    if (assigned.isEmpty()) {
                        stop.await(NO_PARTITIONS_YET.toMillis(), TimeUnit.MILLISECONDS);
                        continue;
                    }
                    var records = reading.poll(POLL);
                    if (records.isEmpty()) {
                        continue;
                    }
                    for (var record : records) {
                        try {
                            var event = IncomingEvent.from(record, json);
                            // In the trace of what caused the record, as the group's consumer applies it.
                            trace.run(EventBatches.headers(record), "tail " + topic, () -> reader.read(event));
                        } catch (RuntimeException e) {
                            log.debug("Skipping {}-{}@{} on the tail of {}: {}", record.topic(), record.partition(), record.offset(), topic, e.toString());
                        }
                    }
                    try {
                        reader.endOfPoll();
                    } catch (RuntimeException e) {
                        log.warn("The tail of {} could not finish a poll's {} records: {}", topic, records.count(), e.toString());
                    }
                } catch (WakeupException stopping) {
                    // stop() woke it; the loop ends.
                } catch (KafkaException e) {
                    // The broker away, or the topic not there yet: the client reconnects; look up partitions again.
                    log.debug("Tail of {} could not read: {}", topic, e.toString());
                    lookAgainAt = System.nanoTime();
                    stop.await(NO_PARTITIONS_YET.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer = null;
        }
    }

    /** Adds the topic's partitions not assigned yet, each read from its end. */
    private void assignNew(org.apache.kafka.clients.consumer.Consumer<String, byte[]> reading, Set<TopicPartition> assigned) {
        var partitions = reading.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null) {
            return;
        }
        var added = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).filter(p -> !assigned.contains(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        reading.assign(Set.copyOf(assigned));
        reading.seekToEnd(added);
        // Positions are resolved lazily; resolving them now makes the tail start at the end as of this moment.
        added.forEach(reading::position);
    }
}
