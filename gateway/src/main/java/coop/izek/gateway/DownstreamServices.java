package coop.izek.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services       the base address of each service behind the gateway, by name
 * @param healthCacheFor how long one round of asking every service for its health answers the gateway's health calls:
 *                       probes and monitors may call it often, and each round costs a request to every service
 */
@ConfigurationProperties("izek.gateway")
public record DownstreamServices(Map<String, URI> services, @DefaultValue("1s") Duration healthCacheFor) {
}
