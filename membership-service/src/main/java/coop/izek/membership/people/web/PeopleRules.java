package coop.izek.membership.people.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class PeopleRules {

    @Bean
    ApiAuthorizationRules peopleAccess() {
        return requests -> requests
                // Someone who never verified their address may still take their data or have it erased.
                .requestMatchers("/api/membership/people/me/export", "/api/membership/people/me/erasure")
                .access(ApiAuthorizationRules.signedIn())
                .requestMatchers("/api/membership/people/me/**").access(ApiAuthorizationRules.person())
                .requestMatchers("/api/membership/people/**").hasRole("ADMIN");
    }
}
