package coop.izek.membership.applications.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class ApplicationRules {

    @Bean
    ApiAuthorizationRules applicationAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/membership/applications").access(ApiAuthorizationRules.person())
                .requestMatchers(ApiAuthorizationRules.read("/api/membership/applications/mine", "/api/membership/applications/*"))
                .access(ApiAuthorizationRules.person())
                .requestMatchers("/api/membership/applications", "/api/membership/applications/**").hasRole("ADMIN");
    }
}
