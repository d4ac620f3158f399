package coop.izek.gateway.traffic;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the service who the client is: {@code X-Forwarded-For} is exactly the address the gateway settled (its peer,
 * or what a trusted proxy in front of it said), whatever the client sent. Applied last, after the gateway's own
 * header filters, as the request leaves for the service.
 */
@Component
class ClientAddressHeader implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        var headers = new HttpHeaders();
        headers.putAll(input);
        String client = exchange.getAttribute(RequestGuard.CLIENT_ADDRESS);
        if (client != null) {
            headers.set("X-Forwarded-For", client);
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
