package coop.izek.notification.delivery.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class StaffRules {

    /** The delivery and failure logs show who got, or did not get, what: staff only. */
    @Bean
    ApiAuthorizationRules deliveryLogAccess() {
        return requests -> requests.requestMatchers("/api/notifications/failures", "/api/notifications/failures/**",
                "/api/notifications/deliveries").hasRole("ADMIN");
    }
}
