package coop.izek.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import coop.izek.events.CloudEventHeaders;
import coop.izek.events.EventType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent as a listener receives it. Declare it as the parameter of a {@code @KafkaListener} method;
 * a record without the required CloudEvents headers never reaches the listener (it is dead-lettered).
 */
public final class IncomingEvent {

    private final String id;
    private final String type;
    private final String source;
    private final String subject;
    private final OffsetDateTime time;
    private final String topic;
    private final byte[] data;
    private final JsonMapper json;

    private IncomingEvent(String id, String type, String source, String subject, OffsetDateTime time, String topic,
                          byte[] data, JsonMapper json) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.topic = topic;
        this.data = data;
        this.json = json;
    }

    static IncomingEvent from(ConsumerRecord<?, ?> record, JsonMapper json) {
        var id = required(record, CloudEventHeaders.ID);
        var type = required(record, CloudEventHeaders.TYPE);
        var source = required(record, CloudEventHeaders.SOURCE);
        var specVersion = required(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEventException("Unsupported CloudEvents spec version " + specVersion);
        }
        OffsetDateTime time = null;
        var timeHeader = header(record, CloudEventHeaders.TIME);
        if (timeHeader != null) {
            try {
                time = OffsetDateTime.parse(timeHeader);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("ce_time is not an RFC 3339 time: " + timeHeader, e);
            }
        }
        if (!(record.value() instanceof byte[] bytes)) {
            throw new InvalidEventException("Event " + id + " has no body");
        }
        return new IncomingEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), time, record.topic(), bytes, json);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public OffsetDateTime time() {
        return time;
    }

    public String topic() {
        return topic;
    }

    public boolean is(EventType<?> eventType) {
        return eventType.name().equals(type);
    }

    /** The payload as the event type's record; an unreadable body makes the whole event invalid. */
    public <T> T data(EventType<T> eventType) {
        if (!is(eventType)) {
            throw new IllegalArgumentException("Event " + id + " is a " + type + ", not a " + eventType.name());
        }
        try {
            return json.readValue(data, eventType.payloadType());
        } catch (JacksonException e) {
            throw new InvalidEventException("Event " + id + " (" + type + ") has an unreadable body: " + e.getOriginalMessage(), e);
        }
    }

    /** The payload as it came, for passing on unchanged (webhooks). */
    public String dataJson() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return type + " " + id + " about " + subject;
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        var value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("Record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has no " + name + " header: not a CloudEvent");
        }
        return value;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
