package coop.izek.system.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import coop.izek.events.CloudEventHeaders;
import coop.izek.events.Topics;

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
    private static final Arrival STREAM_ENDED = new Arrival(Long.MIN_VALUE, 0, null, null);
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    /**
     * A confirmation on the stream: when it came (this JVM's clock and the wall clock), when its inbox item was made,
     * and the event it was made of.
     */
    private record Arrival(long nanos, long wallMicros, Instant createdAt, String eventId) {
    }

    /** One confirmation's times by the wall clock, in microseconds: the enrolment's answer and its inbox item. */
    private record Sample(String eventId, long answeredMicros, long itemMicros) {
    }

    private final String gateway;
    /** Keeps what a lost confirmation leaves to look at (logs, threads) under the name given; returns where. */
    private final Function<String, Path> evidence;

    LiveStreamProbe(String gateway, Function<String, Path> evidence) {
        this.gateway = gateway;
        this.evidence = evidence;
    }

    /**
     * The latencies from sending the enrolment (what the person waits) and from its answer (the way of its event
     * through Kafka and notification-service alone); the latter in two, by the wall clock every process here shares:
     * from the answer until notification-service makes the inbox item (the outbox, Kafka, the consumer; negative
     * when it came first), and from then until the item is on the stream (its write, the push, the gateway).
     */
    record Measured(Timings fromSending, Timings fromAnswer, Timings answerToInboxItem, Timings inboxItemToStream, List<Sample> samples,
                    Timings answerToKafka, Timings kafkaToInboxItem) {

        Measured(int capacity) {
            this(new Timings(capacity), new Timings(capacity), new Timings(capacity), new Timings(capacity),
                    Collections.synchronizedList(new ArrayList<>()), new Timings(capacity), new Timings(capacity));
        }

        /**
         * The way to the inbox item split once more, at the event's record in the workshop topic: its timestamp is
         * when workshop-service's outbox handed it to the producer.
         */
        Measured splitAtKafka(String bootstrap) {
            var wanted = new HashSet<String>();
            samples.forEach(sample -> wanted.add(sample.eventId()));
            var sentMillis = sentMillis(bootstrap, wanted);
            for (var sample : samples) {
                var sent = sentMillis.get(sample.eventId());
                if (sent != null) {
                    answerToKafka.add((sent * 1_000 - sample.answeredMicros()) * 1_000);
                    kafkaToInboxItem.add((sample.itemMicros() - sent * 1_000) * 1_000);
                }
            }
            return this;
        }

        Map<String, Object> latencies() {
            var figures = fromSending.latencies();
            percentiles(figures, "fromAnswer", fromAnswer);
            percentiles(figures, "answerToInboxItem", answerToInboxItem);
            percentiles(figures, "inboxItemToStream", inboxItemToStream);
            if (answerToKafka.count() > 0) {
                percentiles(figures, "answerToKafka", answerToKafka);
                percentiles(figures, "kafkaToInboxItem", kafkaToInboxItem);
            }
            return figures;
        }

        private static void percentiles(Map<String, Object> figures, String name, Timings timings) {
            var latencies = timings.latencies();
            figures.put(name + "P50Ms", latencies.get("p50Ms"));
            figures.put(name + "P99Ms", latencies.get("p99Ms"));
        }
    }

    /** Every probe in parallel, each person enrolling in every one of {@code workshopIds}; returns the latencies. */
    Measured measure(List<String> tokens, List<String> workshopIds) throws Exception {
        var timings = new Measured(tokens.size() * workshopIds.size());
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
            BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
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
                            long nanos = System.nanoTime();
                            var createdAt = CREATED_AT.matcher(line);
                            var eventId = EVENT_ID.matcher(line);
                            arrivals.add(new Arrival(nanos, wallMicros(), createdAt.find() ? Instant.parse(createdAt.group(1)) : null,
                                    eventId.find() ? eventId.group(1) : null));
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
                    long answeredWall = wallMicros();
                    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
                    assertThat(enrolled.body()).contains("CONFIRMED");
                    var arrived = arrivals.poll(ARRIVAL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    if (arrived == null) {
                        var kept = evidence.apply("lost-confirmation-" + workshopId);
                        var inbox = client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/notifications/inbox?size=5"))
                                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                        throw new AssertionError("The confirmation of " + workshopId + " (enrolment " + enrolled.body()
                                + ") did not reach the live stream within " + ARRIVAL_PATIENCE + ". The inbox holds: "
                                + inbox.body() + ". Logs and threads are kept in " + kept);
                    }
                    assertThat(arrived).as("the live stream ended before the confirmation of %s (enrolment %s)", workshopId,
                            enrolled.body()).isNotEqualTo(STREAM_ENDED);
                    timings.fromSending().add(arrived.nanos() - sent);
                    timings.fromAnswer().add(arrived.nanos() - answered);
                    assertThat(arrived.createdAt()).as("the inbox item's time on the stream").isNotNull();
                    long created = micros(arrived.createdAt());
                    timings.answerToInboxItem().add((created - answeredWall) * 1_000);
                    timings.inboxItemToStream().add((arrived.wallMicros() - created) * 1_000);
                    timings.samples().add(new Sample(arrived.eventId(), answeredWall, created));
                }
            } finally {
                reader.interrupt();
                client.shutdownNow();
            }
        }
    }

    private static long wallMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** The timestamps (ms) of the workshop topic's records with these CloudEvent ids, read from the beginning. */
    private static Map<String, Long> sentMillis(String bootstrap, Set<String> eventIds) {
        var found = new HashMap<String, Long>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            var partitions = consumer.partitionsFor(Topics.WORKSHOP).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (found.size() < eventIds.size() && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    var id = record.headers().lastHeader(CloudEventHeaders.ID);
                    if (id != null && eventIds.contains(new String(id.value(), StandardCharsets.UTF_8))) {
                        found.put(new String(id.value(), StandardCharsets.UTF_8), record.timestamp());
                    }
                }
            }
        }
        return found;
    }
}
