package coop.izek.membership.organisations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class OrganisationRules {

    /** Staff manage organisations; a partner may read its own (checked in the controller). */
    @Bean
    ApiAuthorizationRules organisationAccess() {
        return requests -> requests
                .requestMatchers(ApiAuthorizationRules.read("/api/membership/organisations/*")).hasAnyRole("ADMIN", "PARTNER")
                .requestMatchers("/api/membership/organisations", "/api/membership/organisations/**").hasRole("ADMIN");
    }
}
