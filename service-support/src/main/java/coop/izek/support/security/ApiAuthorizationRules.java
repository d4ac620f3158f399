package coop.izek.support.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own coarse access rules (public paths, role-only paths), added to the platform's security chain
 * before its final "everything else needs a valid token". Fine-grained rules stay in the application code.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);
}
