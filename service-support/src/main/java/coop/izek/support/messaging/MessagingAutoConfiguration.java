package coop.izek.support.messaging;

import java.time.Clock;
import java.util.ArrayList;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.MessagingMessageConverter;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.util.backoff.ExponentialBackOff;

import coop.izek.events.Topics;
import coop.izek.support.deadletters.DeadLetters;
import coop.izek.support.observability.ObservabilityAutoConfiguration;
import coop.izek.support.observability.TraceCarrier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consuming platform events: listeners take {@link IncomingEvent}s, a failing record is retried with back-off and
 * then parked in {@code <topic>.dlt} and in the service's {@link DeadLetters} so the consumer carries on; malformed
 * events go there at once.
 */
@AutoConfiguration(after = ObservabilityAutoConfiguration.class)
@EnableConfigurationProperties(KafkaTopicProperties.class)
public class MessagingAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics platformTopics(KafkaTopicProperties properties) {
        var topics = new ArrayList<NewTopic>();
        for (var topic : Topics.ALL) {
            for (var name : java.util.List.of(topic, Topics.deadLetter(topic))) {
                topics.add(new NewTopic(name, properties.partitions(), properties.replicationFactor())
                        .configs(java.util.Map.of("retention.ms", Long.toString(properties.retentionOf(name).toMillis()))));
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    DefaultErrorHandler eventErrorHandler(KafkaTemplate<String, byte[]> kafka, KafkaTopicProperties properties,
                                          MeterRegistry meters, DeadLetters deadLetters) {
        // Every topic's count exists from the start (at 0), so an alert on its increase sees the first one.
        Topics.ALL.forEach(topic -> deadLetterCount(meters, topic));
        var toTopic = new DeadLetterPublishingRecoverer(kafka, (record, exception) -> {
            deadLetterCount(meters, record.topic()).increment();
            log.error("Parking {}-{}@{} in {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), rootMessage(exception));
            return new TopicPartition(Topics.deadLetter(record.topic()), -1);
        });
        // Kept for staff first: if the store cannot take it, recovery fails and the record is tried again, not lost.
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            deadLetters.park(record, exception);
            toTopic.accept(record, exception);
        };
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(2_000);
        backOff.setMaxAttempts(properties.retries());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /** Keeps the raw record in each message, which {@link IncomingEventArgumentResolver} reads. */
    @Bean
    RecordMessageConverter rawRecordMessageConverter() {
        var converter = new MessagingMessageConverter();
        converter.setRawRecordHeader(true);
        return converter;
    }

    /**
     * Events are read as tolerant readers: a producer may add a field to a v1 event without breaking consumers that
     * do not know it yet (removing or changing one needs a new version).
     */
    @Bean
    KafkaListenerConfigurer incomingEventResolver(JsonMapper json) {
        return registrar -> registrar.setCustomMethodArgumentResolvers(new IncomingEventArgumentResolver(tolerant(json)));
    }

    /**
     * Batch listeners are timed step by step by {@link EventBatches} ({@code izek.events.batch.*}). Spring Kafka would
     * also give them its plain timer, named {@code spring.kafka.listener} like the record listeners' observation but
     * with other tags; Prometheus keeps whichever registers first and drops the other.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> batchListenersWithoutPlainTimers() {
        return container -> {
            var properties = container.getContainerProperties();
            if (properties.getMessageListener() instanceof BatchMessageListener<?, ?>) {
                properties.setMicrometerEnabled(false);
            }
        };
    }

    @Bean
    EventBatches eventBatches(ProcessedEvents processed, JsonMapper json, TraceCarrier trace, Clock clock,
                              MeterRegistry meters) {
        // Each batch's record of the events it applied is written on a virtual thread while the listener goes on.
        return new EventBatches(processed, tolerant(json), trace, clock, meters, IndependentWrites.WRITERS);
    }

    /** Makes {@link TopicTail}s: every instance reading a topic's new records for itself (see there). */
    @Bean
    TopicTails topicTails(ConsumerFactory<String, byte[]> consumers, JsonMapper json, TraceCarrier trace) {
        return (topic, reader) -> new TopicTail(consumers, tolerant(json), trace, topic, reader);
    }

    private static JsonMapper tolerant(JsonMapper json) {
        return json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Bean
    ProcessedEvents processedEvents(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        return new ProcessedEvents(mongo, clock, meters);
    }

    private static Counter deadLetterCount(MeterRegistry meters, String topic) {
        return Counter.builder("izek.events.dead.lettered").description("Records a consumer gave up on and parked in a dead-letter topic")
                .tag("topic", topic).register(meters);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
