package coop.izek.membership.people.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class PeopleRules {

    @Bean
    ApiAuthorizationRules peopleAccess() {
        return requests -> requests
                .requestMatchers("/api/membership/people/me/**").access(ApiAuthorizationRules.person())
                .requestMatchers("/api/membership/people/**").hasRole("ADMIN");
    }
}
