package coop.izek.membership.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * Where the authorization server keeps the state of a flow in progress. Access tokens are self-contained JWTs and
 * no refresh tokens are issued, so nothing needs keeping once a flow is done: client-credential grants are not
 * kept at all, and code-flow state is dropped after {@link #KEEP}. Kept in memory: a restart only interrupts a
 * sign-in that is in progress.
 */
@Component
class ExpiringAuthorizations implements OAuth2AuthorizationService {

    static final Duration KEEP = Duration.ofMinutes(30);

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Instant> savedAt = new ConcurrentHashMap<>();
    private final Clock clock;

    ExpiringAuthorizations(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return;
        }
        delegate.save(authorization);
        savedAt.putIfAbsent(authorization.getId(), clock.instant());
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
        savedAt.remove(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    @Scheduled(fixedDelayString = "PT5M")
    void forgetFinishedFlows() {
        var limit = clock.instant().minus(KEEP);
        savedAt.forEach((id, saved) -> {
            if (saved.isBefore(limit)) {
                var authorization = delegate.findById(id);
                if (authorization != null) {
                    delegate.remove(authorization);
                }
                savedAt.remove(id);
            }
        });
    }
}
