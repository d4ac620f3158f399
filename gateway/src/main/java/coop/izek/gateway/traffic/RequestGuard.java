package coop.izek.gateway.traffic;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import coop.izek.gateway.errors.BodyTooLargeException;
import coop.izek.gateway.errors.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The first thing every request meets, before the token check: it is held to the size limits, what a client may not
 * say about itself (forwarding and identity headers) is removed, the client's address is settled once, and the request
 * gets a correlation id (the client's own {@code X-Request-Id} if it is a plain token, else a new one), which goes to
 * the service and back to the client. The service hears the client's address from {@link ClientAddressHeader}.
 */
@Component
public class RequestGuard implements WebFilter, Ordered {

    /** Exchange attribute: the client's address as the gateway settled it. */
    public static final String CLIENT_ADDRESS = RequestGuard.class.getName() + ".clientAddress";
    public static final String REQUEST_ID = "X-Request-Id";

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    /** Headers only the gateway or the infrastructure behind it may set. */
    private static final Set<String> SPOOFABLE = Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip",
            "x-cluster-client-ip", "x-original-forwarded-for", "x-original-url", "x-rewrite-url", "x-http-method-override",
            "x-method-override", "x-http-method");
    private static final List<String> SPOOFABLE_PREFIXES = List.of("x-forwarded-", "x-izek-", "x-user", "x-auth", "x-remote-");

    private final RequestLimits limits;
    /** Addresses or ranges (CIDR, as pods' addresses in Kubernetes come from one): Spring Security's matcher. */
    private final List<IpAddressMatcher> trustedProxies;

    RequestGuard(RequestLimits limits) {
        this.limits = limits;
        this.trustedProxies = limits.trustedProxies().stream().filter(entry -> !entry.isBlank()).map(IpAddressMatcher::new).toList();
    }

    @Override
    public int getOrder() {
        // Before Spring Security's chain (-100), so nothing a client wrote about itself reaches the token check either.
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        var requestId = requestId(request.getHeaders().getFirst(REQUEST_ID));
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
        var refusal = refusal(request);
        if (refusal != null) {
            return refusal.apply(exchange);
        }
        var client = clientAddress(request);
        exchange.getAttributes().put(CLIENT_ADDRESS, client);
        var cleaned = request.mutate().headers(headers -> {
            List.copyOf(headers.headerNames()).stream().filter(RequestGuard::spoofable).forEach(headers::remove);
            headers.set(REQUEST_ID, requestId);
        }).build();
        return chain.filter(exchange.mutate().request(counting(cleaned)).build());
    }

    private interface Refusal {
        Mono<Void> apply(ServerWebExchange exchange);
    }

    private Refusal refusal(ServerHttpRequest request) {
        var uri = request.getURI();
        var rawLength = (uri.getRawPath() == null ? 0 : uri.getRawPath().length()) + (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length() + 1);
        if (rawLength > limits.maxUriLength()) {
            return e -> Problems.write(e, HttpStatus.URI_TOO_LONG, "uri-too-long", "The path and query are longer than "
                    + limits.maxUriLength() + " characters.");
        }
        int parameters = request.getQueryParams().values().stream().mapToInt(List::size).sum();
        if (parameters > limits.maxQueryParameters()) {
            return e -> Problems.write(e, HttpStatus.BAD_REQUEST, "too-many-parameters", "A request has at most "
                    + limits.maxQueryParameters() + " query parameters.");
        }
        long headerBytes = request.getHeaders().headerSet().stream()
                .mapToLong(h -> h.getKey().length() + h.getValue().stream().mapToLong(v -> v.length() + 4).sum()).sum();
        if (headerBytes > limits.maxHeaderSize().toBytes()) {
            return e -> Problems.write(e, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "The request's headers are larger than "
                    + limits.maxHeaderSize().toKilobytes() + " KB.");
        }
        if (request.getHeaders().getContentLength() > limits.maxBodySize().toBytes()) {
            return e -> Problems.write(e, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "A request body is at most "
                    + limits.maxBodySize().toKilobytes() + " KB.");
        }
        return null;
    }

    /** A body without a declared length (chunked) is counted as it streams, and stopped at the limit. */
    private ServerHttpRequest counting(ServerHttpRequest request) {
        var max = limits.maxBodySize().toBytes();
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                var seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLargeException(max));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
    }

    private String clientAddress(ServerHttpRequest request) {
        var peer = request.getRemoteAddress() == null ? "unknown" : address(request.getRemoteAddress());
        var forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || trustedProxies.stream().noneMatch(proxy -> proxy.matches(peer))) {
            return peer;
        }
        var hops = forwarded.split(",");
        var last = hops[hops.length - 1].strip();
        return last.isEmpty() ? peer : last;
    }

    private static String address(InetSocketAddress socket) {
        return socket.getAddress() == null ? socket.getHostString() : socket.getAddress().getHostAddress();
    }

    private static String requestId(String given) {
        return given != null && PLAIN_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    static boolean spoofable(String header) {
        var name = header.toLowerCase(Locale.ROOT);
        return SPOOFABLE.contains(name) || SPOOFABLE_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
