package coop.izek.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import coop.izek.events.CloudEventHeaders;

/**
 * Reads what reaches a topic from the moment the probe is opened, for assertions on published events.
 * Not thread-safe; one per test.
 */
public final class EventProbe implements AutoCloseable {

    /** A record as it arrived: key, CloudEvents headers and JSON body. */
    public record ReceivedEvent(String topic, String key, Map<String, String> headers, String body) {
        public String id() {
            return headers.get(CloudEventHeaders.ID);
        }

        public String type() {
            return headers.get(CloudEventHeaders.TYPE);
        }

        public String subject() {
            return headers.get(CloudEventHeaders.SUBJECT);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ReceivedEvent> received = new ArrayList<>();

    private EventProbe(String bootstrapServers, String topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Starts reading {@code topic} of the test infrastructure's broker from its current end. */
    public static EventProbe on(String topic) {
        return on(TestInfrastructure.kafkaBootstrapServers(), topic);
    }

    public static EventProbe on(String bootstrapServers, String topic) {
        return new EventProbe(bootstrapServers, topic);
    }

    /** Waits for the first event matching {@code condition} and returns it. */
    public ReceivedEvent await(Predicate<ReceivedEvent> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return received.stream().filter(condition).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    public ReceivedEvent awaitType(String type) {
        return await(e -> type.equals(e.type()));
    }

    /** Everything read so far (call {@link #await} first to give the broker time). */
    public List<ReceivedEvent> received() {
        poll();
        return List.copyOf(received);
    }

    private void poll() {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new ReceivedEvent(record.topic(), record.key(), headers,
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return received.stream().map(ReceivedEvent::type).collect(Collectors.joining(", ", "EventProbe[", "]"));
    }
}
