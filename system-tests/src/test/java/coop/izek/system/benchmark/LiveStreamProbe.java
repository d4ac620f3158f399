package coop.izek.system.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a person sees in the portal: they hold the live inbox stream open (through the gateway, as the portal does),
 * enrol, and wait for the confirmation to arrive on the stream. Each probe enrols in the probe workshops one after
 * another; the latency is from sending the enrolment to the inbox item's arrival.
 */
final class LiveStreamProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A confirmation later than this is lost, not slow; a slow one is a figure (its latency), not a failure. */
    private static final Duration ARRIVAL_PATIENCE = Duration.ofMinutes(5);

    /** Put last by the stream's reader: the server (or something between) ended the stream. */
    private static final long STREAM_ENDED = Long.MIN_VALUE;

    private final String gateway;

    LiveStreamProbe(String gateway) {
        this.gateway = gateway;
    }

    /**
     * The latencies from sending the enrolment (what the person waits) and from its answer (the way of its event
     * through Kafka and notification-service alone).
     */
    record Measured(Timings fromSending, Timings fromAnswer) {

        Map<String, Object> latencies() {
            var figures = fromSending.latencies();
            var afterAnswer = fromAnswer.latencies();
            figures.put("fromAnswerP50Ms", afterAnswer.get("p50Ms"));
            figures.put("fromAnswerP99Ms", afterAnswer.get("p99Ms"));
            return figures;
        }
    }

    /** Every probe in parallel, each person enrolling in every one of {@code workshopIds}; returns the latencies. */
    Measured measure(List<String> tokens, List<String> workshopIds) throws Exception {
        var timings = new Measured(new Timings(tokens.size() * workshopIds.size()), new Timings(tokens.size() * workshopIds.size()));
        try (var pool = Executors.newFixedThreadPool(tokens.size())) {
            var probes = new ArrayList<Future<?>>();
            for (var token : tokens) {
                probes.add(pool.submit(() -> {
                    probe(token, workshopIds, timings);
                    return null;
                }));
            }
            for (var probe : probes) {
                probe.get();
            }
        }
        return timings;
    }

    private void probe(String token, List<String> workshopIds, Measured timings) throws Exception {
        // A client of its own: the stream holds its connection for as long as the probe lasts.
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
            var stream = client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/notifications/stream"))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            var connected = new java.util.concurrent.CountDownLatch(1);
            var reader = Thread.ofVirtual().start(() -> {
                try {
                    stream.body().forEach(line -> {
                        if (line.equals(":connected")) {
                            connected.countDown();
                        }
                        if (line.startsWith("data:") && line.contains("\"kind\":\"ENROLMENT_CONFIRMED\"")) {
                            arrivals.add(System.nanoTime());
                        }
                    });
                } finally {
                    arrivals.add(STREAM_ENDED);
                }
            });
            try {
                assertThat(connected.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the stream says it is connected").isTrue();
                for (var workshopId : workshopIds) {
                    long sent = System.nanoTime();
                    var enrolled = client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/workshops/" + workshopId + "/enrolments"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(coop.izek.system.Platform.JSON.writeValueAsString(Map.of("participants", List.of(Map.of("self", true)),
                                    "seatType", "STANDARD")))).build(), HttpResponse.BodyHandlers.ofString());
                    long answered = System.nanoTime();
                    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
                    assertThat(enrolled.body()).contains("CONFIRMED");
                    var arrived = arrivals.poll(ARRIVAL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(arrived).as("the confirmation of %s on the live stream within %s", workshopId, ARRIVAL_PATIENCE).isNotNull();
                    assertThat(arrived).as("the live stream ended before the confirmation of %s (enrolment %s)", workshopId,
                            enrolled.body()).isNotEqualTo(STREAM_ENDED);
                    timings.fromSending().add(arrived - sent);
                    timings.fromAnswer().add(arrived - answered);
                }
            } finally {
                reader.interrupt();
                client.shutdownNow();
            }
        }
    }
}
