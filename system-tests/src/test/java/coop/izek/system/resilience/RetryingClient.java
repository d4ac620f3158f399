package coop.izek.system.resilience;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that does what the API tells clients to do: every write carries an {@code Idempotency-Key}, and a write
 * that got no answer (connection refused or cut, a timeout) or a temporary one (502, 503, 504, 409 request in
 * progress) is sent again with the same key, waiting a little longer each time, until it has a final answer.
 */
final class RetryingClient {

    /** One write to make. */
    record Write(String token, String method, String path, String body, String key) {

        static Write post(String token, String path, String body) {
            return new Write(token, "POST", path, body, UUID.randomUUID().toString());
        }

        static Write delete(String token, String path) {
            return new Write(token, "DELETE", path, null, UUID.randomUUID().toString());
        }
    }

    /** The final answer to a write, after however many tries; status 0 if none came before the deadline. */
    record Answer(Write write, int status, String body, int tries) {
    }

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final List<Integer> TEMPORARY = List.of(502, 503, 504);

    /** Gateways, spread over as a load balancer would: a write starts at one and moves on when it gets no final answer. */
    private final List<String> gateways;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final AtomicInteger sent = new AtomicInteger();

    RetryingClient(String... gateways) {
        this.gateways = List.of(gateways);
    }

    /**
     * Makes every write over {@code lanes} connections at once; {@code afterEach} sees each final answer as it comes
     * and returns the writes it calls for (made after those waiting).
     */
    List<Answer> run(List<Write> writes, int lanes, java.util.function.Function<Answer, List<Write>> afterEach) {
        var queue = new ConcurrentLinkedQueue<>(writes);
        var answers = new ConcurrentLinkedQueue<Answer>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int lane = 0; lane < lanes; lane++) {
                pool.submit(() -> {
                    for (var write = queue.poll(); write != null; write = queue.poll()) {
                        var answer = make(write);
                        answers.add(answer);
                        queue.addAll(afterEach.apply(answer));
                    }
                });
            }
        }
        return List.copyOf(answers);
    }

    Answer make(Write write) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        var wait = Duration.ofMillis(100);
        int tries = 0;
        int gateway = Math.floorMod(write.key().hashCode(), gateways.size());
        while (true) {
            tries++;
            sent.incrementAndGet();
            try {
                var response = http.send(request(gateways.get(gateway), write), HttpResponse.BodyHandlers.ofString());
                if (!temporary(response)) {
                    return new Answer(write, response.statusCode(), response.body(), tries);
                }
            } catch (IOException noAnswer) {
                // Refused, cut or timed out: whether it was done is unknown, which is what the key is for.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(write, 0, "interrupted", tries);
            }
            // The next try goes to the next gateway, as a load balancer passes over an instance that does not answer.
            gateway = (gateway + 1) % gateways.size();
            if (System.nanoTime() > deadline) {
                return new Answer(write, 0, "no final answer within " + GIVE_UP_AFTER, tries);
            }
            pause(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : wait.multipliedBy(2);
        }
    }

    private static boolean temporary(HttpResponse<String> response) {
        return TEMPORARY.contains(response.statusCode())
                || (response.statusCode() == 409 && response.body().contains("/problems/request-in-progress"));
    }

    /** A client's back-off between tries. */
    private static void pause(Duration wait) {
        await().pollDelay(wait).atMost(wait.plusSeconds(1)).until(() -> true);
    }

    private HttpRequest request(String address, Write write) {
        var builder = HttpRequest.newBuilder(URI.create(address + write.path())).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + write.token()).header("Idempotency-Key", "\"" + write.key() + "\"")
                .method(write.method(), write.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(write.body()));
        if (write.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    static Map<String, Object> figures(List<Answer> answers, int sent) {
        var figures = new java.util.LinkedHashMap<String, Object>();
        figures.put("writes", answers.size());
        figures.put("requestsSent", sent);
        figures.put("acknowledged", answers.stream().filter(a -> a.status() == 201 || a.status() == 204).count());
        figures.put("retried", answers.stream().filter(a -> a.tries() > 1).count());
        figures.put("noFinalAnswer", answers.stream().filter(a -> a.status() == 0).count());
        return figures;
    }
}
