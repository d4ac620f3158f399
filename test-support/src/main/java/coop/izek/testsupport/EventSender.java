package coop.izek.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import coop.izek.events.CloudEventHeaders;

/** Puts records on a topic the way another service (or a broken one) would, to drive consumers in tests. */
public final class EventSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private EventSender(String bootstrapServers) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static EventSender create() {
        return new EventSender(TestInfrastructure.kafkaBootstrapServers());
    }

    /** A well-formed CloudEvent with a fresh id; returns the id. */
    public String send(String topic, String type, String subject, String json) {
        var id = UUID.randomUUID().toString();
        sendWithId(topic, id, type, subject, json);
        return id;
    }

    /** A well-formed CloudEvent with the given id: send twice to simulate redelivery. */
    public void sendWithId(String topic, String id, String type, String subject, String json) {
        sendWithIdAt(topic, id, OffsetDateTime.now(ZoneOffset.UTC), type, subject, json);
    }

    /** A well-formed CloudEvent sent in a trace (a W3C {@code traceparent}), as a traced producer sends it; returns the id. */
    public String sendInTrace(String topic, String type, String subject, String json, String traceparent) {
        var id = UUID.randomUUID().toString();
        var record = cloudEvent(topic, id, OffsetDateTime.now(ZoneOffset.UTC), type, subject, json);
        header(record, "traceparent", traceparent);
        send(record);
        return id;
    }

    /** A well-formed CloudEvent carrying extra headers (a replay's marks, say); returns the id. */
    public String sendWithHeaders(String topic, String type, String subject, String json, java.util.Map<String, String> extra) {
        var id = UUID.randomUUID().toString();
        var record = cloudEvent(topic, id, OffsetDateTime.now(ZoneOffset.UTC), type, subject, json);
        extra.forEach((name, value) -> header(record, name, value));
        send(record);
        return id;
    }

    /** The same, at a given event time: a redelivery is the very same event, time included. */
    public void sendWithIdAt(String topic, String id, OffsetDateTime time, String type, String subject, String json) {
        send(cloudEvent(topic, id, time, type, subject, json));
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String topic, String id, OffsetDateTime time, String type, String subject,
                                                             String json) {
        var record = new ProducerRecord<String, byte[]>(topic, subject, json.getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, id);
        header(record, CloudEventHeaders.TYPE, type);
        header(record, CloudEventHeaders.SOURCE, "/izek/tests");
        header(record, CloudEventHeaders.SUBJECT, subject);
        header(record, CloudEventHeaders.TIME, time.toString());
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    /** Whatever bytes, with no CloudEvents headers at all: a poison message. */
    public void sendRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + record.topic(), e.getCause());
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
