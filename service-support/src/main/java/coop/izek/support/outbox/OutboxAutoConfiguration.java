package coop.izek.support.outbox;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TraceCarrier outboxTraceCarrier(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        var current = tracer.getIfAvailable();
        var propagation = propagator.getIfAvailable();
        return current == null || propagation == null ? TraceCarrier.none() : new TraceCarrier(current, propagation);
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
