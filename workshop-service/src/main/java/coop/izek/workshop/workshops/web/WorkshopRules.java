package coop.izek.workshop.workshops.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class WorkshopRules {

    /** The catalogue is public; everything else is for people signed in (the services decide who may do what). */
    @Bean
    ApiAuthorizationRules workshopAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/workshops/enrolments/mine").access(ApiAuthorizationRules.person())
                .requestMatchers(HttpMethod.GET, "/api/workshops", "/api/workshops/*").permitAll()
                .requestMatchers("/api/workshops", "/api/workshops/**").access(ApiAuthorizationRules.person());
    }
}
