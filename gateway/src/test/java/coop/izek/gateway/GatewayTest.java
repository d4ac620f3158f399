package coop.izek.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.sun.net.httpserver.HttpServer;

import coop.izek.testsupport.TestTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of stand-ins for the four services and the portal, which answer with their name and the headers they were
 * sent. Test classes extending this share one gateway (one Spring context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "izek.gateway.rate-limits.per-client.requests=20",
        "izek.gateway.rate-limits.per-address.requests=2000",
        "izek.gateway.rate-limits.sensitive.requests=5",
        "izek.gateway.resilience.retries=2"})
public abstract class GatewayTest {

    /** How long a stand-in's stream stays quiet between its first bytes and its event: longer than the response timeout. */
    static final java.time.Duration STREAM_PAUSE = java.time.Duration.ofMillis(2500);

    /** Stand-ins for the four services and the portal. */
    protected static final Map<String, Stub> SERVICES = new LinkedHashMap<>();

    static {
        for (var name : new String[] {"membership", "workshop", "project", "notification", "portal"}) {
            SERVICES.put(name, new Stub(name));
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((name, stub) -> registry.add("izek.gateway.services." + name, stub::url));
        registry.add("izek.security.jwk-set-uri", TestTokens::jwkSetUri);
        registry.add("izek.security.issuer", () -> TestTokens.ISSUER);
    }

    @LocalServerPort
    protected int port;

    @AfterEach
    void resetStubs() {
        SERVICES.values().forEach(Stub::reset);
    }

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    /**
     * A service's stand-in: answers {@code {"service", "method", "headers"}} as JSON, or as told: a health status, a
     * number of 503s before succeeding ({@code /flaky}), or no answer until released ({@code /slow}); with the
     * {@code Cache-Control} and {@code Vary} the query names.
     */
    public static final class Stub {
        static final JsonMapper JSON = JsonMapper.builder().build();

        final String name;
        final AtomicReference<String> health = new AtomicReference<>("UP");
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger healthChecks = new AtomicInteger();
        volatile CountDownLatch healthHeld = new CountDownLatch(0);
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(0);
        final HttpServer server;

        Stub(String name) {
            this.name = name;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                var path = exchange.getRequestURI().getPath();
                if (path.endsWith("/stream")) {
                    requests.incrementAndGet();
                    liveStream(exchange);
                    return;
                }
                boolean healthCheck = path.equals("/actuator/health");
                int status = 200;
                String body;
                if (healthCheck) {
                    healthChecks.incrementAndGet();
                    try {
                        healthHeld.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = "UP".equals(health.get()) ? 200 : 503;
                    body = "{\"status\":\"" + health.get() + "\"}";
                } else {
                    requests.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    if (path.endsWith("/slow")) {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (path.endsWith("/flaky") && failuresLeft.getAndDecrement() > 0) {
                        status = 503;
                    }
                    var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
                    exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, String.join(",", values)));
                    body = JSON.writeValueAsString(Map.of("service", name, "method", exchange.getRequestMethod(), "headers", headers));
                }
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-Served-By", name);
                answerHeaders(exchange);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        /** Headers the request asks the answer to carry: {@code ?cache-control=public,max-age=1&vary=Cookie}. */
        static void answerHeaders(com.sun.net.httpserver.HttpExchange exchange) {
            var query = exchange.getRequestURI().getQuery();
            if (query == null) {
                return;
            }
            for (var parameter : query.split("&")) {
                var nameAndValue = parameter.split("=", 2);
                if (nameAndValue.length == 2 && Set.of("cache-control", "vary").contains(nameAndValue[0])) {
                    exchange.getResponseHeaders().add(nameAndValue[0], nameAndValue[1]);
                }
            }
        }

        /**
         * A live event stream as notification-service (and the portal) write one: a comment now, an event after a
         * quiet pause, written from a delayed task so no server thread waits.
         */
        static void liveStream(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var body = exchange.getResponseBody();
            body.write(":connected\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (body) {
                    body.write("id:1\nevent:notification\ndata:{\"title\":\"late\"}\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException gatewayGaveUp) {
                    // the reader went away
                }
            }, java.util.concurrent.CompletableFuture.delayedExecutor(STREAM_PAUSE.toMillis(), TimeUnit.MILLISECONDS));
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The next {@code count} requests to {@code /flaky} get 503. */
        public void failNext(int count) {
            failuresLeft.set(count);
        }

        /** Requests to {@code /slow} wait until {@link #releaseSlow}. */
        public void holdSlow() {
            release = new CountDownLatch(1);
        }

        public void releaseSlow() {
            release.countDown();
        }

        public int requests() {
            return requests.get();
        }

        /** Health checks wait until {@link #releaseHealth}. */
        void holdHealth() {
            healthHeld = new CountDownLatch(1);
        }

        void releaseHealth() {
            healthHeld.countDown();
        }

        void reset() {
            health.set("UP");
            failuresLeft.set(0);
            release.countDown();
            healthHeld.countDown();
            requests.set(0);
        }
    }
}
