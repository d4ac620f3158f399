package coop.izek.gateway.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param serverUrl the platform's public address, as clients reach the gateway (the token issuer's, by default) */
@ConfigurationProperties("izek.gateway.api-docs")
record ApiDocsProperties(String serverUrl) {
}
