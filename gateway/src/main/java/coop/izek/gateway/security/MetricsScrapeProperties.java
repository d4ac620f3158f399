package coop.izek.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Prometheus reads the gateway's metrics on its public port: with HTTP Basic credentials {@code prometheus} and
 * this password ({@code IZEK_METRICS_PASSWORD}); without one set, only staff tokens read them. The services' own
 * ports are not public and are scraped directly.
 */
@ConfigurationProperties("izek.gateway.metrics")
record MetricsScrapeProperties(String scrapePassword) {

    static final String USER = "prometheus";

    boolean accepts(String authorization) {
        if (scrapePassword == null || scrapePassword.isBlank() || authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        var expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + scrapePassword).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8));
    }
}
