package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.model.Filters;

import coop.izek.events.Topics;
import coop.izek.support.housekeeping.Housekeeping;
import coop.izek.support.housekeeping.HousekeepingProperties;
import coop.izek.support.housekeeping.Retention;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestClock;

@IntegrationTest
class EventConsumptionIntegrationTest {

    static final String TYPE = "coop.izek.project.sample-happened.v1";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    Housekeeping housekeeping;

    @Autowired
    HousekeepingProperties properties;

    @Autowired
    TestClock clock;

    @Test
    void shouldApplyRedeliveredEventOnce() {
        var eventId = UUID.randomUUID().toString();
        var sampleId = "s-" + UUID.randomUUID();
        var body = "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":false}";
        try (var sender = EventSender.create()) {
            sender.sendWithId(Topics.PROJECT, eventId, TYPE, sampleId, body);
            await().until(() -> processed.isApplied("sample-listener", eventId));

            sender.sendWithId(Topics.PROJECT, eventId, TYPE, sampleId, body);
            sender.sendWithId(Topics.PROJECT, eventId, TYPE, sampleId, body);
            var marker = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":2,\"fail\":false}");
            await().until(() -> processed.isApplied("sample-listener", marker));
        }

        assertThat(applications(eventId)).isEqualTo(1);
    }

    @Test
    void shouldReadEventWithFieldsANewerProducerAdded() {
        var sampleId = "s-" + UUID.randomUUID();
        try (var sender = EventSender.create()) {
            var id = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":false,"
                    + "\"addedLater\":{\"any\":\"thing\"}}");

            await().until(() -> processed.isApplied("sample-listener", id));
        }
        assertThat(mongo.getCollection("applied_samples").countDocuments(Filters.eq("sampleId", sampleId))).isEqualTo(1);
    }

    @Test
    void shouldParkPoisonMessageInDeadLetterTopicAndKeepConsuming() {
        var sampleId = "s-" + UUID.randomUUID();
        try (var deadLetters = EventProbe.on(Topics.deadLetter(Topics.PROJECT)); var sender = EventSender.create()) {
            sender.sendRaw(Topics.PROJECT, sampleId, "not a cloud event".getBytes(StandardCharsets.UTF_8));
            var after = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":false}");

            var parked = deadLetters.await(e -> sampleId.equals(e.key()));
            assertThat(parked.body()).isEqualTo("not a cloud event");
            await().until(() -> processed.isApplied("sample-listener", after));
        }
    }

    @Test
    void shouldParkEventWithUnreadableBody() {
        var sampleId = "s-" + UUID.randomUUID();
        try (var deadLetters = EventProbe.on(Topics.deadLetter(Topics.PROJECT)); var sender = EventSender.create()) {
            var id = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\": [oops");

            var parked = deadLetters.await(e -> id.equals(e.id()));
            assertThat(parked.headers()).containsKey("kafka_dlt-exception-message");
            assertThat(processed.isApplied("sample-listener", id)).isFalse();
        }
    }

    @Test
    void shouldRetryFailingHandlerThenParkTheEvent() {
        var sampleId = "s-" + UUID.randomUUID();
        try (var deadLetters = EventProbe.on(Topics.deadLetter(Topics.PROJECT)); var sender = EventSender.create()) {
            var id = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":true}");
            var next = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":2,\"fail\":false}");

            var parked = deadLetters.await(e -> id.equals(e.id()));
            assertThat(parked.headers().get("kafka_dlt-exception-message")).contains("fails on purpose");
            await().until(() -> processed.isApplied("sample-listener", next));
            assertThat(processed.isApplied("sample-listener", id)).isFalse();
        }
    }

    /** Topics carrying personal data keep it briefly, dead letters as long as their topic: set on topics that existed too. */
    @Test
    void shouldKeepTheRecordsOfTopicsWithPersonalDataOnlyBriefly() {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of("bootstrap.servers",
                coop.izek.testsupport.TestInfrastructure.kafkaBootstrapServers()))) {
            var expected = java.util.Map.of(Topics.MEMBERSHIP, java.time.Duration.ofDays(14), Topics.deadLetter(Topics.MEMBERSHIP),
                    java.time.Duration.ofDays(14), Topics.WORKSHOP, java.time.Duration.ofDays(30), Topics.NOTIFICATION,
                    java.time.Duration.ofDays(14), Topics.PROJECT, java.time.Duration.ofDays(365));
            var resources = expected.keySet().stream()
                    .map(t -> new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t))
                    .toList();
            await().untilAsserted(() -> {
                var configs = admin.describeConfigs(resources).all().get();
                expected.forEach((topic, retention) -> assertThat(configs.get(new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic)).get("retention.ms").value())
                        .as(topic).isEqualTo(Long.toString(retention.toMillis())));
            });
        }
    }

    /** The embedded store has no TTL: without housekeeping, processed_events would grow for ever. */
    @Test
    void shouldForgetAppliedEventsOnceTheirRetentionHasPassed() {
        String old;
        String recent;
        try (var sender = EventSender.create()) {
            old = sendAndAwait(sender);
            clock.advance(properties.processedEventsKeep().plusDays(1));
            recent = sendAndAwait(sender);
        }
        try {
            assertThat(housekeeping.rules()).extracting(Retention::collection).contains(ProcessedEvents.COLLECTION);
            assertThat(housekeeping.run()).isGreaterThanOrEqualTo(1);

            assertThat(processed.isApplied("sample-listener", old)).isFalse();
            assertThat(processed.isApplied("sample-listener", recent)).isTrue();
        } finally {
            clock.reset();
        }
    }

    private String sendAndAwait(EventSender sender) {
        var sampleId = "s-" + UUID.randomUUID();
        var id = sender.send(Topics.PROJECT, TYPE, sampleId, "{\"sampleId\":\"" + sampleId + "\",\"step\":1,\"fail\":false}");
        await().until(() -> processed.isApplied("sample-listener", id));
        return id;
    }

    private long applications(String eventId) {
        return mongo.getCollection("applied_samples").countDocuments(Filters.eq("eventId", eventId));
    }
}
