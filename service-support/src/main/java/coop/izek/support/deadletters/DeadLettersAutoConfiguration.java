package coop.izek.support.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;
import org.springframework.kafka.support.KafkaUtils;

import coop.izek.support.housekeeping.Retention;
import coop.izek.support.security.ApiAuthorizationRules;
import tools.jackson.databind.json.JsonMapper;

/** Dead letters kept for staff (see {@link DeadLetters}); the staff API where the service names its path. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLettersAutoConfiguration {

    @Bean
    DeadLetters deadLetters(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        return new DeadLetters(mongo, kafka, json, clock);
    }

    /**
     * A replayed record is for the consumer group that parked it; every other group's listeners pass it by (they
     * applied the original, or parked it themselves and get their own replay). Boot sets this on the listener
     * container factory, so it holds for record and batch listeners alike.
     */
    @Bean
    RecordFilterStrategy<Object, Object> replaysForOtherConsumers() {
        return record -> {
            var replayFor = record.headers().lastHeader(DeadLetters.REPLAY_FOR);
            var group = KafkaUtils.getConsumerGroupId();
            return replayFor != null && group != null && !group.equals(new String(replayFor.value(), StandardCharsets.UTF_8));
        };
    }

    @Bean
    Retention handledDeadLettersRetention(DeadLetterProperties properties) {
        return Retention.of(DeadLetters.COLLECTION, DeadLetters.HANDLED_AT, properties.keep());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty("izek.dead-letters.path")
    @Import(DeadLetterController.class)
    static class StaffApi {

        /** First of the service's rules: its own may make paths next to this one public. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ApiAuthorizationRules deadLetterAccess(DeadLetterProperties properties) {
            return requests -> requests.requestMatchers(properties.path(), properties.path() + "/**").hasRole("ADMIN");
        }
    }
}
