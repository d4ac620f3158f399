package coop.izek.gateway.traffic;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request may be, checked at the gateway before any service sees it.
 *
 * @param maxBodySize       request body (413 beyond)
 * @param maxUriLength      path and query together (414 beyond)
 * @param maxHeaderSize     all request headers together (431 beyond)
 * @param maxQueryParameters query parameters (400 beyond)
 * @param trustedProxies    addresses or CIDR ranges of proxies in front of the gateway (the ingress controller, the
 *                          portal) whose {@code X-Forwarded-For} names the client; from anyone else it is ignored
 */
@ConfigurationProperties("izek.gateway.limits")
public record RequestLimits(@DefaultValue("1MB") DataSize maxBodySize,
                            @DefaultValue("4096") int maxUriLength,
                            @DefaultValue("16KB") DataSize maxHeaderSize,
                            @DefaultValue("64") int maxQueryParameters,
                            @DefaultValue List<String> trustedProxies) {
}
