package coop.izek.workshop.workshops.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class WorkshopRules {

    /**
     * The catalogue and certificate verification are public; everything else is for people signed in (the services
     * decide who may do what); the solidarity requests and the cooperative's settlements are for staff. The named paths under
     * /api/workshops come before the public "/api/workshops/{id}".
     */
    @Bean
    ApiAuthorizationRules workshopAccess() {
        return requests -> requests
                .requestMatchers("/api/workshops/solidarity-requests", "/api/workshops/settlements", "/api/workshops/needing-educator",
                        "/api/workshops/*/educator").hasRole("ADMIN")
                .requestMatchers(ApiAuthorizationRules.read("/api/workshops/enrolments/mine", "/api/workshops/settlements/mine", "/api/workshops/mine"))
                .access(ApiAuthorizationRules.person())
                .requestMatchers(ApiAuthorizationRules.read("/api/workshops", "/api/workshops/*", "/api/certificates/*")).permitAll()
                .requestMatchers("/api/workshops", "/api/workshops/**", "/api/learning-record/**").access(ApiAuthorizationRules.person());
    }
}
