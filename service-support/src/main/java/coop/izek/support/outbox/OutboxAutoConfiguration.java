package coop.izek.support.outbox;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import coop.izek.support.observability.ObservabilityAutoConfiguration;
import coop.izek.support.observability.TraceCarrier;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(after = ObservabilityAutoConfiguration.class)
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboxPublisher outboxPublisher(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
                                    Clock clock, @Value("${spring.application.name}") String application,
                                    MeterRegistry meters, TraceCarrier trace) {
        return new OutboxPublisher(mongo, kafka, properties, clock, "/izek/" + application, meters, trace);
    }

    @Bean
    Outbox outbox(MongoTemplate mongo, JsonMapper json, OutboxPublisher publisher, Clock clock, TraceCarrier trace) {
        return new Outbox(mongo, json, publisher, clock, trace);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, MongoMappingContext mappingContext, OutboxPublisher publisher,
                            OutboxProperties properties, Clock clock, MeterRegistry meters) {
        return new OutboxRelay(mongo, mappingContext, publisher, properties, clock, meters);
    }
}
