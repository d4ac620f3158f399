package coop.izek.project.projects.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import coop.izek.support.security.ApiAuthorizationRules;

@Configuration(proxyBeanMethods = false)
class ProjectRules {

    /**
     * Staff run projects; partner organisations (API clients, and people who work for them) work in the projects they
     * are in, which the services check; an educator sees the projects they are assigned to; anyone reads granted
     * projects' public summaries and the Learning City report. Staff-only paths come first, whatever the method.
     */
    @Bean
    ApiAuthorizationRules projectAccess() {
        return requests -> requests
                .requestMatchers(ApiAuthorizationRules.read("/api/projects/public", "/api/projects/public/**")).permitAll()
                .requestMatchers("/api/projects/calls", "/api/projects/calls/**", "/api/projects/portfolio", "/api/projects/exchange-rates",
                        "/api/projects/exchange-rates/**", "/api/projects/reports/**", "/api/projects/*/transitions",
                        "/api/projects/*/partners", "/api/projects/*/work-packages", "/api/projects/*/milestones",
                        "/api/projects/*/milestones/**", "/api/projects/*/educators").hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/projects", "/api/projects/*/deliverables").hasRole("ADMIN")
                .requestMatchers(ApiAuthorizationRules.read("/api/projects/assigned-to-me")).access(ApiAuthorizationRules.person())
                .requestMatchers("/api/projects", "/api/projects/**").hasAnyRole("ADMIN", "PARTNER", "PARTNER_STAFF");
    }
}
