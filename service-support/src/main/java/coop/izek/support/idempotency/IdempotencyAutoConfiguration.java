package coop.izek.support.idempotency;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import coop.izek.support.housekeeping.Retention;
import coop.izek.support.web.ProblemWriter;
import coop.izek.support.web.WebAutoConfiguration;

/** {@code Idempotency-Key} on every service's writes: see {@link IdempotencyKeyFilter}. */
@AutoConfiguration(after = WebAutoConfiguration.class,
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotentRequests idempotentRequests(MongoTemplate mongo, Clock clock, IdempotencyProperties properties) {
        return new IdempotentRequests(mongo, clock, properties.lease());
    }

    /** Just behind Spring Security's filters: the caller is known, and a refused token never reaches a stored answer. */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotentRequests requests, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new IdempotencyKeyFilter(requests, problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    Retention idempotentRequestsRetention(IdempotencyProperties properties) {
        return Retention.of(IdempotentRequests.COLLECTION, IdempotentRequests.CREATED_AT, properties.keep());
    }
}
