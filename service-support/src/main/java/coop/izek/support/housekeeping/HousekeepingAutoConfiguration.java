package coop.izek.support.housekeeping;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import coop.izek.support.messaging.MessagingAutoConfiguration;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.support.outbox.OutboxAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

@AutoConfiguration(after = {OutboxAutoConfiguration.class, MessagingAutoConfiguration.class})
@EnableScheduling
@EnableConfigurationProperties(HousekeepingProperties.class)
public class HousekeepingAutoConfiguration {

    /** What each consumer applied is remembered for a while, not for ever. */
    @Bean
    Retention processedEventsRetention(HousekeepingProperties properties) {
        return Retention.of(ProcessedEvents.COLLECTION, ProcessedEvents.PROCESSED_AT, properties.processedEventsKeep());
    }

    @Bean
    Housekeeping housekeeping(MongoTemplate mongo, List<Retention> rules, HousekeepingProperties properties, Clock clock,
                              MeterRegistry meters) {
        return new Housekeeping(mongo, rules, properties, clock, meters);
    }
}
