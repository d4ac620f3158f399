package coop.izek.gateway.caching;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shared cache in the sense of HTTP caching (RFC 9111), for anonymous reads only: a GET without a token or cookie is
 * answered from an earlier answer its service declared {@code public} with a {@code max-age} (the catalogue as a
 * visitor sees it), for that long at most. When a popular workshop opens, the city's reloads of its page are answered
 * here and leave the service its cores for the enrolments. It runs after the token check and the rate limits, which
 * are WebFilters, so a cached answer is limited as any other; everything else passes untouched.
 */
@Component
class PublicCache implements GlobalFilter, Ordered {

    /**
     * Request headers an answer may differ by: content negotiation, what the gateway's own CORS answers vary by, and
     * the host as the service hears it (services that build links from it are passed the Host, and from a trusted
     * proxy its forwarding headers), so that a forged host never lands in an answer kept for others. An answer that
     * varies by any other header is not kept.
     */
    private static final List<String> KEY_HEADERS = List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING, HttpHeaders.ACCEPT_LANGUAGE,
            HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, HttpHeaders.HOST,
            "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix");
    /** The answer's own headers, kept with its body; the rest (the request id, the gateway's own) are the request's. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.CONTENT_ENCODING, HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED);

    private record Kept(HttpHeaders headers, byte[] body, long keptAt, Duration maxAge) {
    }

    private final PublicCacheProperties properties;
    private final Cache<String, Kept> kept;
    private final Counter hits;
    private final Counter misses;

    PublicCache(PublicCacheProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.kept = Caffeine.newBuilder()
                .maximumWeight(properties.size().toBytes())
                .weigher((String key, Kept answer) -> key.length() * 2 + answer.body().length + 512)
                .expireAfter(Expiry.creating((String key, Kept answer) -> answer.maxAge()))
                .build();
        this.hits = Counter.builder("izek.gateway.public.cache").tag("result", "hit")
                .description("Anonymous reads answered from the gateway's cache").register(meters);
        this.misses = Counter.builder("izek.gateway.public.cache").tag("result", "miss")
                .description("Anonymous reads passed on to their service").register(meters);
    }

    @Override
    public int getOrder() {
        // Before the filter that writes the service's answer, so this one sees it written.
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var request = exchange.getRequest();
        if (!properties.enabled() || !anonymousRead(request)) {
            return chain.filter(exchange);
        }
        var directives = directives(request.getHeaders());
        if (directives.contains("no-store")) {
            return chain.filter(exchange);
        }
        var key = key(request);
        boolean wantsFresh = directives.contains("no-cache") || directives.contains("max-age=0")
                || request.getHeaders().getOrEmpty("Pragma").contains("no-cache");
        var answer = wantsFresh ? null : kept.getIfPresent(key);
        if (answer != null) {
            hits.increment();
            return answer(exchange.getResponse(), answer);
        }
        misses.increment();
        return chain.filter(exchange.mutate().response(new Keeping(exchange.getResponse(), key)).build());
    }

    private static boolean anonymousRead(ServerHttpRequest request) {
        var headers = request.getHeaders();
        return HttpMethod.GET.equals(request.getMethod()) && !headers.containsHeader(HttpHeaders.AUTHORIZATION)
                && !headers.containsHeader(HttpHeaders.COOKIE) && !headers.containsHeader(HttpHeaders.RANGE)
                && headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static String key(ServerHttpRequest request) {
        var key = new StringBuilder(request.getURI().getRawPath());
        if (request.getURI().getRawQuery() != null) {
            key.append('?').append(request.getURI().getRawQuery());
        }
        for (var header : KEY_HEADERS) {
            key.append('\n').append(String.join(",", request.getHeaders().getOrEmpty(header)));
        }
        return key.toString();
    }

    private static Mono<Void> answer(ServerHttpResponse response, Kept answer) {
        response.setStatusCode(HttpStatus.OK);
        var headers = response.getHeaders();
        answer.headers().forEach(headers::put);
        headers.set(HttpHeaders.AGE, Long.toString(Duration.ofNanos(System.nanoTime() - answer.keptAt()).toSeconds()));
        headers.setContentLength(answer.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** Cache-Control's directives, lower case, one per entry. */
    private static List<String> directives(HttpHeaders headers) {
        return listed(headers, HttpHeaders.CACHE_CONTROL).stream().map(directive -> directive.toLowerCase(Locale.ROOT).replace(" ", ""))
                .toList();
    }

    /** The entries of a comma-separated header, all its lines together. */
    private static List<String> listed(HttpHeaders headers, String name) {
        return headers.getOrEmpty(name).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    /** How long a service's answer may be kept: null unless it is a 200 declared public with a positive age. */
    private Duration keepable(ServerHttpResponse response) {
        var headers = response.getHeaders();
        if (!HttpStatus.OK.equals(response.getStatusCode()) || headers.containsHeader(HttpHeaders.SET_COOKIE)) {
            return null;
        }
        var directives = directives(headers);
        if (!directives.contains("public") || directives.contains("private") || directives.contains("no-store")
                || directives.contains("no-cache")) {
            return null;
        }
        if (!listed(headers, HttpHeaders.VARY).stream().allMatch(header -> KEY_HEADERS.stream().anyMatch(header::equalsIgnoreCase))) {
            return null;
        }
        // A shared cache takes s-maxage before max-age.
        long seconds = seconds(directives, "s-maxage=");
        if (seconds < 0) {
            seconds = seconds(directives, "max-age=");
        }
        if (seconds <= 0) {
            return null;
        }
        var maxAge = Duration.ofSeconds(seconds);
        return maxAge.compareTo(properties.longest()) > 0 ? properties.longest() : maxAge;
    }

    private static long seconds(List<String> directives, String name) {
        for (var directive : directives) {
            if (directive.startsWith(name)) {
                try {
                    return Long.parseLong(directive.substring(name.length()).replace("\"", ""));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Passes the service's answer on as it comes, copying it aside if it may be kept. */
    private final class Keeping extends ServerHttpResponseDecorator {

        private final String key;

        Keeping(ServerHttpResponse delegate, String key) {
            super(delegate);
            this.key = key;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            var maxAge = keepable(getDelegate());
            if (maxAge == null) {
                return super.writeWith(body);
            }
            var headers = new HttpHeaders();
            KEPT_HEADERS.forEach(header -> {
                var values = getHeaders().get(header);
                if (values != null) {
                    headers.put(header, List.copyOf(values));
                }
            });
            var keptAt = System.nanoTime();
            var largest = properties.largestBody().toBytes();
            var copy = new ByteArrayOutputStream();
            var tooLarge = new boolean[1];
            return super.writeWith(Flux.from(body).map(buffer -> {
                int length = buffer.readableByteCount();
                if (!tooLarge[0] && copy.size() + length <= largest) {
                    var bytes = new byte[length];
                    buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, length);
                    copy.writeBytes(bytes);
                } else {
                    tooLarge[0] = true;
                }
                return buffer;
            }).doOnComplete(() -> {
                if (!tooLarge[0]) {
                    kept.put(key, new Kept(headers, copy.toByteArray(), keptAt, maxAge));
                }
            }));
        }
    }
}
