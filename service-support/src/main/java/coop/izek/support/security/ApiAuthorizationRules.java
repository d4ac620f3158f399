package coop.izek.support.security;

import java.util.ArrayList;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A service's own coarse access rules (public paths, role-only paths), added to the platform's security chain
 * before its final "everything else needs a valid token". Fine-grained rules stay in the application code.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);

    /**
     * Reading these paths: GET and HEAD alike, since Spring MVC answers HEAD with the GET handler. A rule written for
     * GET alone would let HEAD fall through to a laxer rule below it.
     */
    static RequestMatcher read(String... patterns) {
        var matchers = new ArrayList<RequestMatcher>();
        for (var pattern : patterns) {
            matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern));
            matchers.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, pattern));
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * A person signed in (learner, parent, educator, staff) who has verified their email address; not a partner
     * organisation's API client. What most person endpoints need.
     */
    static AuthorizationManager<RequestAuthorizationContext> person() {
        return (authentication, context) -> new AuthorizationDecision(isPerson(authentication.get(), true));
    }

    /**
     * A person signed in, verified or not: for what an unverified account may still do (ask for another verification
     * mail, change its password, export or erase itself).
     */
    static AuthorizationManager<RequestAuthorizationContext> signedIn() {
        return (authentication, context) -> new AuthorizationDecision(isPerson(authentication.get(), false));
    }

    private static boolean isPerson(Authentication auth, boolean mustBeVerified) {
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getAuthorities().stream().anyMatch(a -> "ROLE_PARTNER".equals(a.getAuthority()))) {
            return false;
        }
        return !mustBeVerified || (auth instanceof JwtAuthenticationToken token
                && Boolean.TRUE.equals(token.getToken().getClaimAsBoolean(Caller.EMAIL_VERIFIED_CLAIM)));
    }
}
