package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.model.Filters;

import coop.izek.events.CloudEventHeaders;
import coop.izek.events.Topics;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.outbox.OutboxRelay;
import coop.izek.support.sample.Sample.SampleHappened;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

@IntegrationTest
class OutboxIntegrationTest {

    @Autowired
    Outbox outbox;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    OutboxRelay relay;

    @Test
    void shouldPublishEventsStoredWithTheAggregateAsCloudEvents() {
        var id = "s-" + UUID.randomUUID();
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            outbox.insert(new Sample(id, "first"), List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false))));

            var event = probe.await(e -> id.equals(e.subject()));
            assertThat(event.key()).isEqualTo(id);
            assertThat(event.type()).isEqualTo("coop.izek.project.sample-happened.v1");
            assertThat(event.headers()).containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                    .containsEntry(CloudEventHeaders.SOURCE, "/izek/support-tests")
                    .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                    .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME);
            assertThat(event.body()).isEqualTo("{\"sampleId\":\"" + id + "\",\"step\":1,\"fail\":false}");
        }
        await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
    }

    @Test
    void shouldRepublishEventsLeftUnpublishedByACrashInOrder() {
        var id = "s-" + UUID.randomUUID();
        // The state and its events were written, then the service died before publishing: nobody calls afterWrite.
        var crashed = new Sample(id, "crashed");
        var earlier = Instant.now().minusSeconds(5);
        for (int step = 1; step <= 3; step++) {
            var event = outbox.toOutboxEvent(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, step, false)));
            crashed.outbox().add(new OutboxEvent(event.eventId(), event.type(), event.topic(), event.subject(),
                    earlier, event.payload(), 0, null, null, null));
        }
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            mongo.insert(crashed);
            // Only a sweep finds it (every minute in production, at start and never again here): run it now.
            relay.sweep();

            probe.await(e -> id.equals(e.subject()) && e.body().contains("\"step\":3"));
            var steps = new ArrayList<String>();
            probe.received().stream().filter(e -> id.equals(e.subject()))
                    .forEach(e -> steps.add(e.body().replaceAll(".*\"step\":(\\d).*", "$1")));
            assertThat(steps).startsWith("1", "2", "3");
        }
        await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.get("izek.outbox.backlog").gauge().value()).isZero());
    }

    /**
     * An aggregate written by many at once, as a workshop in an enrolment rush: its publishes and the removals of what
     * they sent interleave, and still every event reaches the topic once, in the order of its writer, and leaves the
     * document.
     */
    @Test
    void shouldPublishEveryEventOfABusyAggregateOnceInOrderAndRemoveThemAll() throws Exception {
        var id = "s-" + UUID.randomUUID();
        outbox.insert(new Sample(id, "busy"), List.of());
        int writers = 4;
        int each = 50;
        try (var probe = EventProbe.on(Topics.PROJECT); var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int writer = 1; writer <= writers; writer++) {
                int first = writer * 1000;
                done.add(pool.submit(() -> {
                    for (int step = first; step < first + each; step++) {
                        while (true) {
                            try {
                                outbox.save(mongo.findById(id, Sample.class), List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, step, false))));
                                break;
                            } catch (OptimisticLockingFailureException changedMeanwhile) {
                                // Another writer was first: decide again on fresh state.
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var writer : done) {
                writer.get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    probe.received().stream().filter(e -> id.equals(e.subject())).count() >= writers * each && pendingEvents(id).isEmpty());
            var received = probe.received().stream().filter(e -> id.equals(e.subject())).toList();

            assertThat(received).hasSize(writers * each);
            assertThat(received).extracting(e -> e.id()).doesNotHaveDuplicates();
            var steps = received.stream().map(e -> Integer.parseInt(e.body().replaceAll(".*\"step\":(\\d+).*", "$1"))).toList();
            for (int writer = 1; writer <= writers; writer++) {
                int first = writer * 1000;
                assertThat(steps.stream().filter(step -> step / 1000 == first / 1000).toList())
                        .isEqualTo(java.util.stream.IntStream.range(first, first + each).boxed().toList());
            }
        }
    }

    /** A refused insert leaves neither its state nor its event: what reaches the topic says so, after a later marker. */
    @Test
    void shouldKeepStateAndEventsTogetherWhenTheWriteIsRefused() {
        var id = "s-" + UUID.randomUUID();
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            outbox.insert(new Sample(id, "original"), List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false))));

            assertThatThrownBy(() -> outbox.insert(new Sample(id, "duplicate"),
                    List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 2, false)))))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

            var stored = mongo.findById(id, Sample.class);
            assertThat(stored).isNotNull();
            assertThat(stored.name()).isEqualTo("original");
            outbox.save(stored, List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 3, false))));
            probe.await(e -> id.equals(e.subject()) && e.body().contains("\"step\":3"));
            assertThat(probe.received()).filteredOn(e -> id.equals(e.subject()))
                    .extracting(e -> e.body().replaceAll(".*\"step\":(\\d).*", "$1")).containsExactly("1", "3");
        }
        await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
    }

    @Test
    void shouldKeepFailedEventWithAttemptsAndBackOffAndHoldBackLaterEventsOfTheAggregate() {
        var id = "s-" + UUID.randomUUID();
        var undeliverable = outbox.toOutboxEvent(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false)));
        var unroutable = new OutboxEvent(undeliverable.eventId(), undeliverable.type(), "izek.nowhere.v1", id,
                undeliverable.time(), undeliverable.payload(), 0, null, null, null);
        var sample = new Sample(id, "stuck");
        sample.outbox().add(unroutable);
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            outbox.insert(sample, List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 2, false))));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var stuck = pendingDocuments(id);
                assertThat(stuck).hasSize(2);
                assertThat(stuck.getFirst().getInteger("attempts")).isGreaterThanOrEqualTo(1);
                assertThat(stuck.getFirst().getDate("nextAttemptAt")).isAfter(new java.util.Date());
                assertThat(stuck.getFirst().getString("lastError")).isNotBlank();
            });
            // The aggregate's second event waits behind the first: its order is kept.
            assertThat(probe.received()).noneMatch(e -> id.equals(e.subject()));
        } finally {
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)), Sample.class);
        }
    }

    /**
     * A document whose publish waits (its topic unknown to the broker: each attempt waits {@code max.block.ms} for
     * it) holds up no other: sixteen documents found by the same sweep all reach the topic before its first attempt
     * has even failed.
     */
    @Test
    void shouldPublishOtherAggregatesWhileOnesPublishWaits() {
        var waitingId = "s-" + UUID.randomUUID();
        var others = java.util.stream.IntStream.range(0, 16).mapToObj(i -> "s-" + UUID.randomUUID()).toList();
        try (var probe = EventProbe.on(Topics.PROJECT)) {
            // Written before a crash, so the sweep below finds them all at once; the waiting one first.
            mongo.insert(leftBehind(waitingId, "izek.nowhere.v1"));
            others.forEach(id -> mongo.insert(leftBehind(id, Topics.PROJECT)));
            relay.sweep();

            await().atMost(Duration.ofSeconds(20)).until(() -> probe.received().stream().map(e -> e.subject()).toList().containsAll(others));
            assertThat(pendingDocuments(waitingId)).singleElement()
                    .satisfies(event -> assertThat(event.getInteger("attempts", 0)).as("failed attempts of the waiting document").isZero());
        } finally {
            mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(waitingId)), Sample.class);
        }
    }

    /** A sample holding one event for {@code topic}, stored a while ago and never published. */
    private Sample leftBehind(String id, String topic) {
        var event = outbox.toOutboxEvent(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false)));
        var sample = new Sample(id, "left behind");
        sample.outbox().add(new OutboxEvent(event.eventId(), event.type(), topic, id, Instant.now().minusSeconds(5), event.payload(),
                0, null, null, null));
        return sample;
    }

    /**
     * A publish failed (its topic did not exist yet): the relay tries it again once due, by the document's id, without
     * a sweep of the collection (the tests sweep only at start).
     */
    @Test
    void shouldPublishAFailedEventAgainWithoutASweepOnceItCanBeDelivered() throws Exception {
        var id = "s-" + UUID.randomUUID();
        var topic = "izek.late-" + UUID.randomUUID() + ".v1";
        var event = outbox.toOutboxEvent(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false)));
        var sample = new Sample(id, "early");
        sample.outbox().add(new OutboxEvent(event.eventId(), event.type(), topic, id, event.time(), event.payload(), 0, null, null, null));
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers",
                coop.izek.testsupport.TestInfrastructure.kafkaBootstrapServers()))) {
            outbox.insert(sample, List.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> !pendingDocuments(id).isEmpty()
                    && pendingDocuments(id).getFirst().getInteger("attempts", 0) >= 1);

            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            try (var probe = EventProbe.on(topic)) {
                probe.await(e -> id.equals(e.subject()));
            }
            await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
        }
    }

    @Test
    void shouldNotWriteBackEventsPublishedSinceTheAggregateWasLoaded() {
        var id = "s-" + UUID.randomUUID();
        var first = Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false));
        outbox.insert(new Sample(id, "loaded"), List.of(first));
        await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
        // As loaded before the publisher sent step 1: the copy still holds it.
        var loadedEarlier = mongo.findById(id, Sample.class);
        var published = mongo.getCollection("samples").find(Filters.eq("_id", id)).first();
        assertThat(published).isNotNull();
        loadedEarlier.outbox().add(outbox.toOutboxEvent(first));

        try (var probe = EventProbe.on(Topics.PROJECT)) {
            loadedEarlier.rename("renamed");
            outbox.save(loadedEarlier, List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 2, false))));

            // A step 1 written back would be published before step 2, on the same partition.
            probe.await(e -> id.equals(e.subject()) && e.body().contains("\"step\":2"));
            assertThat(probe.received()).filteredOn(e -> id.equals(e.subject())).hasSize(1);
        }
        assertThat(mongo.findById(id, Sample.class).name()).isEqualTo("renamed");
    }

    @Test
    void shouldRefuseToSaveAnAggregateChangedSinceItWasLoaded() {
        var id = "s-" + UUID.randomUUID();
        outbox.insert(new Sample(id, "original"), List.of());
        var mine = mongo.findById(id, Sample.class);
        var theirs = mongo.findById(id, Sample.class);
        theirs.rename(null);
        outbox.save(theirs, List.of());

        mine.rename("mine");
        assertThatThrownBy(() -> outbox.save(mine, List.of(Sample.SAMPLE_HAPPENED.of(id, new SampleHappened(id, 1, false)))))
                .isInstanceOf(OptimisticLockingFailureException.class);

        var stored = mongo.getCollection("samples").find(Filters.eq("_id", id)).first();
        assertThat(stored).doesNotContainKey("name").containsEntry("version", 1L);
        assertThat(pendingEvents(id)).isEmpty();
    }

    private List<org.bson.Document> pendingDocuments(String id) {
        var document = mongo.getCollection("samples").find(Filters.eq("_id", id)).first();
        return document == null ? List.of() : document.getList(OutboxEvent.FIELD, org.bson.Document.class, List.of());
    }

    private List<?> pendingEvents(String id) {
        var document = mongo.getCollection("samples").find(Filters.eq("_id", id)).first();
        return document == null ? List.of() : document.getList(OutboxEvent.FIELD, Object.class, List.of());
    }
}
