package coop.izek.membership.assemblies.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class AssemblyRules {

    @Bean
    ApiAuthorizationRules assemblyAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/membership/assemblies").hasRole("ADMIN")
                .requestMatchers(ApiAuthorizationRules.read("/api/membership/assemblies/*/proxies")).hasRole("ADMIN")
                .requestMatchers("/api/membership/assemblies/**").access(ApiAuthorizationRules.person());
    }
}
