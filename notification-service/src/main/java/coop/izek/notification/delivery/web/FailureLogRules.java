package coop.izek.notification.delivery.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class FailureLogRules {

    /** The failure log shows who did not get what: staff only. */
    @Bean
    ApiAuthorizationRules failureLogAccess() {
        return requests -> requests.requestMatchers("/api/notifications/failures", "/api/notifications/failures/**").hasRole("ADMIN");
    }
}
