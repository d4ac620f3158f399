package coop.izek.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import coop.izek.events.CloudEventHeaders;
import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens the platform no longer accepts although they have not expired: every token of a person who was erased or
 * of a partner API client staff revoked, and those a person held before changing their password. Learned from
 * membership events the moment they arrive, by every instance of every service (each reads the whole topic itself,
 * outside any consumer group), from as far back as a token can live. Nothing is stored: a revocation older than the
 * longest token lifetime no longer concerns any valid token, so the list is rebuilt from the topic at start.
 */
public class RevokedTokens implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);

    /** Tokens of {@code subject} issued before {@code notBefore} are refused; the entry lapses after {@code learnedAt} + window. */
    private record Revocation(Instant notBefore, Instant learnedAt) {
    }

    private final Map<String, Object> consumerProperties;
    private final Duration window;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, Revocation> revocations = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;

    RevokedTokens(Map<String, Object> consumerProperties, Duration window, Clock clock, JsonMapper json) {
        var properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "revoked-tokens-" + java.util.UUID.randomUUID());
        this.consumerProperties = properties;
        this.window = window;
        this.clock = clock;
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** Whether a token of {@code subject} issued at {@code issuedAt} is still good as far as revocations go. */
    public boolean accepts(String subject, Instant issuedAt) {
        var revocation = revocations.get(subject);
        if (revocation == null) {
            return true;
        }
        if (revocation.learnedAt().plus(window).isBefore(clock.instant())) {
            revocations.remove(subject, revocation);
            return true;
        }
        return issuedAt != null && !issuedAt.isBefore(revocation.notBefore());
    }

    /** Takes one membership event into account; other events change nothing. Applying it twice is applying it once. */
    void apply(String type, byte[] body, Instant eventTime) {
        var learnedAt = eventTime == null ? clock.instant() : eventTime;
        if (MembershipEvents.PERSON_ERASED.name().equals(type)) {
            revoke(json.readValue(body, MembershipEvents.PersonErased.class).personId(), Instant.MAX, learnedAt);
        } else if (MembershipEvents.API_CLIENT_REVOKED.name().equals(type)) {
            revoke(json.readValue(body, MembershipEvents.ApiClientRevoked.class).clientId(), Instant.MAX, learnedAt);
        } else if (MembershipEvents.PASSWORD_CHANGED.name().equals(type)) {
            var changed = json.readValue(body, MembershipEvents.PasswordChanged.class);
            // Tokens carry whole seconds: one issued in the second of the change, after it, stays good.
            revoke(changed.personId(), changed.changedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), learnedAt);
        }
    }

    private void revoke(String subject, Instant notBefore, Instant learnedAt) {
        if (subject == null) {
            return;
        }
        revocations.merge(subject, new Revocation(notBefore, learnedAt), (old, fresh) -> new Revocation(
                old.notBefore().isAfter(fresh.notBefore()) ? old.notBefore() : fresh.notBefore(),
                old.learnedAt().isAfter(fresh.learnedAt()) ? old.learnedAt() : fresh.learnedAt()));
    }

    private void read() {
        try (var kafka = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            var partitions = kafka.partitionsFor(Topics.MEMBERSHIP, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            kafka.assign(partitions);
            long from = clock.instant().minus(window).toEpochMilli();
            var offsets = kafka.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> from)));
            for (var partition : partitions) {
                var offset = offsets.get(partition);
                if (offset == null) {
                    kafka.seekToEnd(java.util.List.of(partition));
                } else {
                    kafka.seek(partition, offset.offset());
                }
            }
            while (running) {
                for (var record : kafka.poll(Duration.ofSeconds(1))) {
                    applySafely(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (RuntimeException e) {
            if (running) {
                log.error("Stopped reading token revocations; revoked tokens may be accepted until restart", e);
            }
        }
    }

    private void applySafely(ConsumerRecord<String, byte[]> record) {
        var type = header(record, CloudEventHeaders.TYPE);
        if (type == null || record.value() == null) {
            return;
        }
        try {
            var time = header(record, CloudEventHeaders.TIME);
            apply(type, record.value(), time == null ? null : java.time.OffsetDateTime.parse(time).toInstant());
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable {} at {}-{}@{}: {}", type, record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        running = true;
        reader = Thread.ofPlatform().daemon().name("revoked-tokens").start(this::read);
    }

    @Override
    public void stop() {
        running = false;
        var kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        var thread = reader;
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
