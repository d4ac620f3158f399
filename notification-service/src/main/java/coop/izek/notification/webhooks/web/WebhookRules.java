package coop.izek.notification.webhooks.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class WebhookRules {

    /** Webhooks are how partner organisations' systems hear of their projects. */
    @Bean
    ApiAuthorizationRules webhookAccess() {
        return requests -> requests.requestMatchers("/api/notifications/webhooks", "/api/notifications/webhooks/**").hasRole("PARTNER");
    }
}
