package coop.izek.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import coop.izek.support.observability.TraceCarrier;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch's record of the events it applied is written while the listener goes on. Here that write is held until the
 * test lets it go, so what the next batch does meanwhile is seen: it skips what the batch before applied, and sends its
 * own record only once the one before is in the store. Records come from the real broker, events as they are sent.
 */
class EventBatchesRecordIntegrationTest {

    private static final String CONSUMER = "support.record-tests";
    private static final String TYPE = "coop.izek.project.sample-happened.v1";

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final ProcessedEvents processed = new ProcessedEvents(new MongoTemplate(client, "izek-support-record-tests"),
            Clock.systemUTC(), new SimpleMeterRegistry());
    /** The records' writes, each run only when the test lets it go. */
    private final List<Runnable> held = new CopyOnWriteArrayList<>();
    private final Executor holding = held::add;
    private final EventBatches batches = new EventBatches(processed, JsonMapper.builder().build(), TraceCarrier.none(), Clock.systemUTC(),
            new SimpleMeterRegistry(), holding);
    /** A listener's thread: the batches of one listener come on one thread. */
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        // Lets a listener that a failed test left waiting finish (a record written twice is one record).
        held.forEach(Runnable::run);
        listenerThread.close();
        client.close();
    }

    @Test
    void shouldSkipWhatTheBatchBeforeAppliedWhileItsRecordIsStillOnItsWay() throws Exception {
        var first = UUID.randomUUID().toString();
        var second = UUID.randomUUID().toString();
        var records = send(first, first, second);
        var applied = new CopyOnWriteArrayList<String>();

        listenerThread.submit(() -> batches.applyOnce(CONSUMER, records.subList(0, 1), event -> applied.add(event.id()), () -> { }))
                .get();

        assertThat(applied).containsExactly(first);
        assertThat(held).as("the batch returned before its record was written").hasSize(1);
        assertThat(processed.isApplied(CONSUMER, first)).isFalse();

        var flushed = new AtomicBoolean();
        var next = listenerThread.submit(() -> batches.applyOnce(CONSUMER, records.subList(1, 3), event -> applied.add(event.id()),
                () -> flushed.set(true)));
        await().untilTrue(flushed);

        assertThat(applied).as("the redelivered event is skipped, though its record is not in the store yet").containsExactly(first, second);
        assertThat(next).as("the next batch waits for the record before its own").isNotDone();
        assertThat(held).hasSize(1);

        held.getFirst().run();
        next.get();
        assertThat(processed.isApplied(CONSUMER, first)).isTrue();
        assertThat(held).as("then sends its own").hasSize(2);
        assertThat(processed.isApplied(CONSUMER, second)).isFalse();

        held.get(1).run();
        assertThat(processed.isApplied(CONSUMER, second)).isTrue();
    }

    /** Sends the events with these ids, in this order, and reads them back from the broker as a listener gets them. */
    private static List<ConsumerRecord<String, byte[]>> send(String... ids) {
        var topic = "izek.support.record-tests." + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + topic, e);
        }
        try (var sender = EventSender.create()) {
            for (var id : ids) {
                sender.sendWithId(topic, id, TYPE, "s-1", "{\"sampleId\":\"s-1\",\"step\":1,\"fail\":false}");
            }
        }
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            var received = new ArrayList<ConsumerRecord<String, byte[]>>();
            await().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() == ids.length;
            });
            return received;
        }
    }
}
