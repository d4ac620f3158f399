package coop.izek.membership.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminEmail    the bootstrap staff account, created on first start when a password is given
 * @param adminPassword its password (from the environment, never from the repository)
 * @param tokenLifetime how long an access token is valid
 * @param portalRedirectUris where the portal's authorization code flow may return to
 * @param trustedProxies     peers (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed (the gateway), for
 *                           throttling by address
 */
@ConfigurationProperties("izek.identity")
record IdentityProperties(String adminEmail, String adminPassword, @DefaultValue("15m") Duration tokenLifetime,
                          @DefaultValue("http://localhost:8080/portal/callback") List<String> portalRedirectUris,
                          @DefaultValue({"127.0.0.1", "0:0:0:0:0:0:0:1"}) List<String> trustedProxies) {
}
