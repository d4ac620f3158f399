package coop.izek.notification.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A partner's system receiving webhooks: a real HTTP server on loopback that answers with the status it is told. */
final class Receiver implements AutoCloseable {

    record Request(Map<String, List<String>> headers, String body) {
        /** The headers with lower-case names, as HTTP/2 and the Standard Webhooks libraries spell them. */
        Map<String, List<String>> lowerCaseHeaders() {
            var lower = new java.util.HashMap<String, List<String>>();
            headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
            return lower;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicInteger toHang = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/izek", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
            if (toHang.getAndDecrement() > 0) {
                try {
                    // A receiver that took the request and answers only long after the sender gave up.
                    released.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        // A request per thread, so one that hangs does not hold up the next.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/izek";
    }

    void answer(int statusCode) {
        status.set(statusCode);
    }

    /** The next {@code requests} are taken and left without an answer until the receiver closes. */
    void hang(int requests) {
        toHang.set(requests);
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
