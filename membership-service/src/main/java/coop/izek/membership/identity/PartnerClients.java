package coop.izek.membership.identity;

import java.time.Duration;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import coop.izek.membership.organisations.Organisations;

/**
 * The OAuth2 clients the authorization server knows: the portal (public, authorization code with PKCE) and the
 * API clients staff issue to partner organisations (client credentials, secret stored hashed).
 */
@Component
class PartnerClients implements RegisteredClientRepository {

    static final String PORTAL_CLIENT_ID = "izek-portal";
    static final String PARTNER_SCOPE = "partner";

    private final Organisations organisations;
    private final RegisteredClient portal;
    private final Duration tokenLifetime;

    PartnerClients(Organisations organisations, IdentityProperties properties) {
        this.organisations = organisations;
        this.tokenLifetime = properties.tokenLifetime();
        var portal = RegisteredClient.withId(PORTAL_CLIENT_ID).clientId(PORTAL_CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens());
        properties.portalRedirectUris().forEach(portal::redirectUri);
        // Signing out of the portal ends the provider's session too, and comes back to the portal's home page.
        properties.portalRedirectUris().forEach(uri -> portal.postLogoutRedirectUri(java.net.URI.create(uri).resolve("/").toString()));
        this.portal = portal.build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("API clients are issued through /api/membership/organisations/{id}/api-clients");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (PORTAL_CLIENT_ID.equals(clientId)) {
            return portal;
        }
        return organisations.apiClient(clientId)
                .map(client -> RegisteredClient.withId(client.clientId()).clientId(client.clientId())
                        .clientSecret(client.secretHash())
                        .clientIdIssuedAt(client.issuedAt())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scope(PARTNER_SCOPE)
                        .clientSettings(ClientSettings.builder()
                                .setting(AuthorizationServerConfiguration.ORGANISATION_SETTING, client.organisationId()).build())
                        .tokenSettings(tokens())
                        .build())
                .orElse(null);
    }

    private TokenSettings tokens() {
        return TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).reuseRefreshTokens(false).build();
    }
}
