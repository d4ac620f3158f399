package coop.izek.gateway;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param services the base address of each service behind the gateway, by name */
@ConfigurationProperties("izek.gateway")
public record DownstreamServices(Map<String, URI> services) {
}
