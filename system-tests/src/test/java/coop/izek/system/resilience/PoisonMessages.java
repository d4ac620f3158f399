package coop.izek.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import coop.izek.events.Topics;
import coop.izek.system.Platform;
import coop.izek.testsupport.EventProbe;
import tools.jackson.databind.JsonNode;

/**
 * A record that is no event at all, sent to each topic a service consumes, and staff's part afterwards through the
 * gateway. (Nothing in the platform consumes {@code izek.notification.v1}: its events are for partners' webhooks
 * and the operations team, so a poison there parks nowhere.)
 */
final class PoisonMessages implements AutoCloseable {

    /** Each consumed topic and the services that consume it. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.MEMBERSHIP, List.of("workshop", "project", "notification"),
            Topics.WORKSHOP, List.of("project", "notification"),
            Topics.PROJECT, List.of("workshop", "notification"));
    static final Map<String, String> DEAD_LETTERS = Map.of(
            "workshop", "/api/workshops/dead-letters",
            "project", "/api/projects/dead-letters",
            "notification", "/api/notifications/dead-letters");

    private final Platform platform;
    private final String key;
    private final String staff;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, EventProbe> parked = new LinkedHashMap<>();

    PoisonMessages(Platform platform, String run) {
        this.platform = platform;
        this.key = "poison-" + run;
        this.staff = platform.admin();
        var bootstrap = "127.0.0.1:" + platform.ports.getOrDefault("KAFKA", 9092);
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        CONSUMERS.keySet().forEach(topic -> parked.put(topic, EventProbe.on(bootstrap, Topics.deadLetter(topic))));
    }

    /** Sends the poison to every consumed topic; returns how long until every consuming service had parked it. */
    Duration sendAndAwaitTheLetters() {
        long sent = System.nanoTime();
        CONSUMERS.keySet().forEach(this::send);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                CONSUMERS.forEach((topic, services) -> services.forEach(service ->
                        assertThat(letters(service, topic)).as(service + " parks the poison in " + topic).hasSize(1))));
        var elapsed = Duration.ofNanos(System.nanoTime() - sent);
        CONSUMERS.forEach((topic, services) -> {
            var groups = new HashSet<String>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                parked.get(topic).received().stream().filter(r -> key.equals(r.key()))
                        .forEach(r -> groups.add(r.headers().get("kafka_dlt-original-consumer-group")));
                return groups.equals(groupsOf(services));
            });
        });
        return elapsed;
    }

    /**
     * Staff replay workshop-service's letter from the project topic as it is: it fails there again and is parked
     * anew, naming the first; notification-service, which read the same replayed record, passes it by.
     */
    void replayOneUnfixedAndSeeItComeBackToItsServiceAlone() {
        var letter = letters("workshop", Topics.PROJECT).getFirst();
        var replay = platform.send("POST", DEAD_LETTERS.get("workshop") + "/" + letter.get("id").asString() + "/replay", staff, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(platform.json(replay).get("status").asString()).isEqualTo("REPLAYED");

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> letters("workshop", Topics.PROJECT).stream()
                .anyMatch(l -> letter.get("id").asString().equals(l.path("replayOf").asString())));
        // A second poison behind the replay, on its partition: once notification-service has parked it, it has read the replay.
        send(Topics.PROJECT);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> letters("notification", Topics.PROJECT).size() == 2);
        assertThat(letters("notification", Topics.PROJECT)).noneMatch(l -> l.hasNonNull("replayOf"));
    }

    /** Every letter left parked is discarded; none is left. */
    void discardTheRest() {
        CONSUMERS.forEach((topic, services) -> services.forEach(service -> {
            for (var letter : letters(service, topic)) {
                var discarded = platform.send("POST", DEAD_LETTERS.get(service) + "/" + letter.get("id").asString() + "/discard",
                        staff, "{\"reason\":\"a poison the resilience suite sent\"}");
                assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
            }
            assertThat(letters(service, topic)).isEmpty();
        }));
    }

    /** The letters {@code service} holds parked from this run's poison in {@code topic}. */
    private List<JsonNode> letters(String service, String topic) {
        var page = platform.send("GET", DEAD_LETTERS.get(service) + "?status=PARKED&size=100&topic=" + topic, staff, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        var letters = new ArrayList<JsonNode>();
        platform.json(page).get("items").forEach(letter -> {
            if (key.equals(letter.path("key").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private void send(String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, key, ("no event at all " + key).getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        }
    }

    private static Set<String> groupsOf(List<String> services) {
        var groups = new HashSet<String>();
        services.forEach(service -> groups.add(service + "-service"));
        return groups;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        parked.values().forEach(EventProbe::close);
    }
}
