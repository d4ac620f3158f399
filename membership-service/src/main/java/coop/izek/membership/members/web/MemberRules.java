package coop.izek.membership.members.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class MemberRules {

    @Bean
    ApiAuthorizationRules memberAccess() {
        return requests -> requests
                .requestMatchers(ApiAuthorizationRules.read("/api/membership/members/me", "/api/membership/members/*",
                        "/api/membership/members/*/shares")).access(ApiAuthorizationRules.person())
                .requestMatchers(HttpMethod.POST, "/api/membership/members/me/resignation").access(ApiAuthorizationRules.person())
                .requestMatchers("/api/membership/members", "/api/membership/members/**", "/api/membership/share-register",
                        "/api/membership/share-transfers")
                .hasRole("ADMIN");
    }
}
