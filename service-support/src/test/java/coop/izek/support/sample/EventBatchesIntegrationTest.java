package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import com.mongodb.client.model.Filters;

import coop.izek.events.Topics;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventSender;
import coop.izek.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The batch listener's records are sent while it is stopped, so that it takes them in one poll: what is proven is
 * what happens inside one batch, and each test checks the batch really held them all.
 */
@IntegrationTest
class EventBatchesIntegrationTest {

    static final String TYPE = "coop.izek.project.sample-happened.v1";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    SampleBatchListener listener;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldApplyEachEventOnceWhenItComesTwiceInABatchAndAgainInTheNext() {
        var sampleId = "s-" + UUID.randomUUID();
        var first = UUID.randomUUID().toString();
        var second = UUID.randomUUID().toString();
        try (var sender = EventSender.create()) {
            whileStopped(() -> {
                sender.sendWithId(Topics.WORKSHOP, first, TYPE, sampleId, sample(sampleId, 1, false));
                sender.sendWithId(Topics.WORKSHOP, second, TYPE, sampleId, sample(sampleId, 2, false));
                sender.sendWithId(Topics.WORKSHOP, first, TYPE, sampleId, sample(sampleId, 1, false));
            });
            await().until(() -> processed.isApplied(SampleBatchListener.CONSUMER, second));
            assertThat(listener.largestBatch()).isGreaterThanOrEqualTo(3);
            assertThat(listener.prepared()).as("the first look at the batch: each event once").contains(List.of(first, second));

            var marker = UUID.randomUUID().toString();
            whileStopped(() -> {
                sender.sendWithId(Topics.WORKSHOP, second, TYPE, sampleId, sample(sampleId, 2, false));
                sender.sendWithId(Topics.WORKSHOP, first, TYPE, sampleId, sample(sampleId, 1, false));
                sender.sendWithId(Topics.WORKSHOP, marker, TYPE, sampleId, sample(sampleId, 3, false));
            });
            await().until(() -> processed.isApplied(SampleBatchListener.CONSUMER, marker));
            assertThat(listener.prepared()).as("the first look at the batch: only what was not applied before").contains(List.of(marker));
        }

        assertThat(applications(first)).isEqualTo(1);
        assertThat(applications(second)).isEqualTo(1);
    }

    @Test
    void shouldParkTheUnreadableRecordOfABatchAloneAndApplyTheEventsAroundIt() {
        var sampleId = "s-" + UUID.randomUUID();
        var before = UUID.randomUUID().toString();
        var after = UUID.randomUUID().toString();
        try (var deadLetters = EventProbe.on(Topics.deadLetter(Topics.WORKSHOP)); var sender = EventSender.create()) {
            whileStopped(() -> {
                sender.sendWithId(Topics.WORKSHOP, before, TYPE, sampleId, sample(sampleId, 1, false));
                sender.sendRaw(Topics.WORKSHOP, sampleId, "not a cloud event".getBytes(StandardCharsets.UTF_8));
                sender.sendWithId(Topics.WORKSHOP, after, TYPE, sampleId, sample(sampleId, 2, false));
            });

            var parked = deadLetters.await(e -> sampleId.equals(e.key()));
            assertThat(parked.body()).isEqualTo("not a cloud event");
            await().until(() -> processed.isApplied(SampleBatchListener.CONSUMER, after));
            assertThat(deadLetters.received()).filteredOn(e -> sampleId.equals(e.key())).hasSize(1);
        }
        assertThat(listener.largestBatch()).isGreaterThanOrEqualTo(3);
        assertThat(applications(before)).isEqualTo(1);
        assertThat(applications(after)).isEqualTo(1);
    }

    @Test
    void shouldRetryTheFailingEventOfABatchThenParkItAloneAndApplyTheEventsAroundIt() {
        var sampleId = "s-" + UUID.randomUUID();
        var before = UUID.randomUUID().toString();
        var failing = UUID.randomUUID().toString();
        var after = UUID.randomUUID().toString();
        try (var deadLetters = EventProbe.on(Topics.deadLetter(Topics.WORKSHOP)); var sender = EventSender.create()) {
            whileStopped(() -> {
                sender.sendWithId(Topics.WORKSHOP, before, TYPE, sampleId, sample(sampleId, 1, false));
                sender.sendWithId(Topics.WORKSHOP, failing, TYPE, sampleId, sample(sampleId, 2, true));
                sender.sendWithId(Topics.WORKSHOP, after, TYPE, sampleId, sample(sampleId, 3, false));
            });

            var parked = deadLetters.await(e -> failing.equals(e.id()));
            assertThat(parked.headers().get("kafka_dlt-exception-message")).contains("fails on purpose");
            await().until(() -> processed.isApplied(SampleBatchListener.CONSUMER, after));
            assertThat(deadLetters.received()).filteredOn(e -> sampleId.equals(e.key())).hasSize(1);
        }
        assertThat(listener.largestBatch()).isGreaterThanOrEqualTo(3);
        assertThat(processed.isApplied(SampleBatchListener.CONSUMER, failing)).isFalse();
        assertThat(applications(before)).isEqualTo(1);
        assertThat(applications(after)).isEqualTo(1);
    }

    @Test
    void shouldTimeEachStepOfABatchAndHowLongItsRecordsWaitedForIt() {
        var sampleId = "s-" + UUID.randomUUID();
        var last = UUID.randomUUID().toString();
        var waited = meters.timer("izek.events.batch.wait", "consumer", SampleBatchListener.CONSUMER);
        long waitsBefore = waited.count();
        var steps = java.util.stream.Stream.of("find-applied", "prepare", "apply", "flush", "record-applied")
                .collect(java.util.stream.Collectors.toMap(step -> step, step -> meters.timer("izek.events.batch.step",
                        "consumer", SampleBatchListener.CONSUMER, "step", step).count()));
        long sent = System.nanoTime();
        try (var sender = EventSender.create()) {
            whileStopped(() -> {
                sender.sendWithId(Topics.WORKSHOP, UUID.randomUUID().toString(), TYPE, sampleId, sample(sampleId, 1, false));
                sender.sendWithId(Topics.WORKSHOP, last, TYPE, sampleId, sample(sampleId, 2, false));
            });
            await().until(() -> processed.isApplied(SampleBatchListener.CONSUMER, last));
        }
        long elapsedMillis = (System.nanoTime() - sent) / 1_000_000;

        assertThat(waited.count() - waitsBefore).isGreaterThanOrEqualTo(2);
        // The records waited at least for the stopped listener to start again, and no longer than the test took.
        assertThat(waited.max(TimeUnit.MILLISECONDS)).isPositive().isLessThanOrEqualTo(elapsedMillis + 1_000);
        steps.forEach((step, before) -> assertThat(meters.timer("izek.events.batch.step", "consumer",
                SampleBatchListener.CONSUMER, "step", step).count()).as(step).isGreaterThan(before));
    }

    private void whileStopped(Runnable sending) {
        var container = listeners.getListenerContainer(SampleBatchListener.ID);
        container.stop();
        await().until(() -> !container.isRunning());
        listener.forgetBatchSizes();
        sending.run();
        container.start();
    }

    private static String sample(String sampleId, int step, boolean fail) {
        return "{\"sampleId\":\"" + sampleId + "\",\"step\":" + step + ",\"fail\":" + fail + "}";
    }

    private long applications(String eventId) {
        return mongo.getCollection(SampleBatchListener.APPLIED).countDocuments(Filters.eq("eventId", eventId));
    }
}
