package coop.izek.portal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the portal finds the platform.
 *
 * @param publicAddress the gateway's address as browsers see it, which is also the OpenID issuer
 * @param gateway       the gateway as the portal reaches it, for API calls with the person's token
 * @param membership    membership-service itself, for the OpenID back channel (token, keys, user info)
 */
@ConfigurationProperties("izek.portal")
public record PortalProperties(URI publicAddress, URI gateway, URI membership) {

    public String redirectUri() {
        return publicAddress + "/portal/callback";
    }
}
