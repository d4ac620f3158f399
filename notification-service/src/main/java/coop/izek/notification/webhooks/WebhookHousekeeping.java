package coop.izek.notification.webhooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.housekeeping.Retention;

@Configuration(proxyBeanMethods = false)
class WebhookHousekeeping {

    /** Each webhook's delivery log keeps its attempts for a while, not for ever. */
    @Bean
    Retention webhookAttemptsRetention(WebhookProperties properties) {
        return Retention.of(Webhooks.ATTEMPTS, "at", properties.attemptsKept());
    }
}
