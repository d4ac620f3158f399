package coop.izek.support.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A service's own coarse access rules (public paths, role-only paths), added to the platform's security chain
 * before its final "everything else needs a valid token". Fine-grained rules stay in the application code.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);

    /** A person signed in (learner, parent, educator, staff), not a partner organisation's API client. */
    static AuthorizationManager<RequestAuthorizationContext> person() {
        return (authentication, context) -> {
            var auth = authentication.get();
            boolean person = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                    && auth.getAuthorities().stream().noneMatch(a -> "ROLE_PARTNER".equals(a.getAuthority()));
            return new AuthorizationDecision(person);
        };
    }
}
