package coop.izek.membership.principles.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class PrinciplesRules {

    @Bean
    ApiAuthorizationRules principlesAccess() {
        return requests -> requests
                .requestMatchers(ApiAuthorizationRules.read("/api/membership/principles/current", "/api/membership/principles/{version:[0-9]+}")).permitAll()
                .requestMatchers(HttpMethod.POST, "/api/membership/principles/*/acceptances").access(ApiAuthorizationRules.person())
                .requestMatchers("/api/membership/principles", "/api/membership/principles/**").hasRole("ADMIN");
    }
}
