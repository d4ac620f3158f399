package coop.izek.system.resilience;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client floods a gateway with requests on many connections while other clients go on at a person's pace; each
 * side's answers are counted and timed. The figures are reported, never asserted as times.
 */
final class Flood {

    /** One answer: its status (0: none came, and why not) and how long it took. */
    record Answer(int status, long millis, String error) {
    }

    private final String gateway;
    private final String path;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    Flood(String gateway, String path) {
        this.gateway = gateway;
        this.path = path;
    }

    /**
     * For {@code length}: each of {@code others} asks once every {@code pace}, and, when {@code flooder} is given, it
     * asks as fast as {@code connections} connections let it. Returns the answers of each side.
     */
    Map<String, List<Answer>> run(String flooder, int connections, Collection<String> others, Duration pace, Duration length) {
        var flooded = new ConcurrentLinkedQueue<Answer>();
        var paced = new ConcurrentLinkedQueue<Answer>();
        var over = new AtomicBoolean();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (flooder != null) {
                for (int i = 0; i < connections; i++) {
                    pool.submit(() -> {
                        while (!over.get()) {
                            flooded.add(ask(flooder));
                        }
                    });
                }
            }
            for (var token : others) {
                pool.submit(() -> {
                    while (!over.get()) {
                        paced.add(ask(token));
                        await().pollDelay(pace).atMost(pace.plusSeconds(1)).until(() -> true);
                    }
                });
            }
            await().pollDelay(length).atMost(length.plusSeconds(1)).until(() -> true);
            over.set(true);
        }
        var answers = new LinkedHashMap<String, List<Answer>>();
        answers.put("flooder", List.copyOf(flooded));
        answers.put("others", List.copyOf(paced));
        return answers;
    }

    private Answer ask(String token) {
        long started = System.nanoTime();
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), (System.nanoTime() - started) / 1_000_000, null);
        } catch (java.io.IOException e) {
            return new Answer(0, (System.nanoTime() - started) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, 0, "interrupted");
        }
    }

    static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    /** The {@code percentile}th of the answers' times, in ms (nearest rank). */
    static long percentile(List<Answer> answers, double percentile) {
        var millis = new ArrayList<Long>(answers.stream().map(Answer::millis).sorted().toList());
        if (millis.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * millis.size());
        return millis.get(Math.max(0, rank - 1));
    }
}
