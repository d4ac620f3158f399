package coop.izek.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import coop.izek.support.observability.TraceCarrier;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tails read a topic on the real broker: each instance's tail gets every new record of every partition (it is in no
 * group with the others), none from before it started, and carries on past records it cannot read or fails on.
 */
class TopicTailIntegrationTest {

    private static final String TYPE = "coop.izek.project.sample-happened.v1";
    private static final String PAYLOAD = "{\"sampleId\":\"s-1\",\"step\":1,\"fail\":false}";

    private final String topic = "izek.support.tail-tests." + UUID.randomUUID();
    private final List<TopicTail> started = new CopyOnWriteArrayList<>();

    /** What one tail was handed. */
    static final class Recorded implements TopicTail.Reader {
        final List<String> read = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public void read(IncomingEvent event) {
            if (event.id().startsWith("failing")) {
                throw new IllegalStateException("the reader fails on " + event.id());
            }
            read.add(event.id());
        }

        @Override
        public void endOfPoll() {
            polls.incrementAndGet();
        }
    }

    @AfterEach
    void stopTails() {
        started.forEach(TopicTail::stop);
    }

    @Test
    void shouldHandEveryInstanceEveryNewEventOfEveryPartitionAndNothingFromBefore() {
        createTopic(3);
        var before = send("before");
        var first = startTail();
        var second = startTail();
        awaitReading(first, second);

        var ids = new java.util.ArrayList<String>();
        try (var sender = EventSender.create()) {
            for (int i = 0; i < 12; i++) {
                var id = "new-" + UUID.randomUUID();
                // Keys spread over the partitions.
                sender.sendWithId(topic, id, TYPE, "subject-" + i, PAYLOAD);
                ids.add(id);
            }
        }

        for (var tail : List.of(first, second)) {
            await().until(() -> tail.read.containsAll(ids));
            assertThat(tail.read).doesNotContain(before);
            assertThat(tail.polls).hasPositiveValue();
        }
    }

    @Test
    void shouldCarryOnPastRecordsItCannotReadOrFailsOn() {
        createTopic(1);
        var tail = startTail();
        awaitReading(tail);

        var after = "after-" + UUID.randomUUID();
        try (var sender = EventSender.create()) {
            sender.sendRaw(topic, "k", "not a CloudEvent".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sender.sendWithId(topic, "failing-" + UUID.randomUUID(), TYPE, "s-1", PAYLOAD);
            sender.sendWithId(topic, after, TYPE, "s-1", PAYLOAD);
        }

        await().until(() -> tail.read.contains(after));
        assertThat(tail.read).noneMatch(id -> id.startsWith("failing"));
    }

    private Recorded startTail() {
        var reader = new Recorded();
        var consumers = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "support.tail-tests"), new StringDeserializer(), new ByteArrayDeserializer());
        var tail = new TopicTail(consumers, JsonMapper.builder().build(), TraceCarrier.none(), topic, reader);
        tail.start();
        started.add(tail);
        return reader;
    }

    /** Sends probes until each tail has read one: from then on they read everything new. */
    private void awaitReading(Recorded... tails) {
        await().until(() -> {
            send("probe");
            return List.of(tails).stream().allMatch(t -> t.read.stream().anyMatch(id -> id.startsWith("probe")));
        });
    }

    private String send(String prefix) {
        var id = prefix + "-" + UUID.randomUUID();
        try (var sender = EventSender.create()) {
            sender.sendWithId(topic, id, TYPE, "s-1", PAYLOAD);
        }
        return id;
    }

    private void createTopic(int partitions) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create " + topic, e);
        }
    }
}
