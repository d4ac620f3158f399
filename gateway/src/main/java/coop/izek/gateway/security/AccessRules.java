package coop.izek.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Paths the gateway keeps to one role before any service sees the request: without a token 401, with another role 403.
 *
 * @param staffOnly   path patterns for staff (ADMIN)
 * @param partnerOnly path patterns for partner organisations' API clients (PARTNER)
 */
@ConfigurationProperties("izek.gateway.access")
record AccessRules(@DefaultValue List<String> staffOnly, @DefaultValue List<String> partnerOnly) {
}
