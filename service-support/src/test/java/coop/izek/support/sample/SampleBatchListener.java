package coop.izek.support.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.support.messaging.EventBatches;
import coop.izek.support.messaging.IncomingEvent;

/**
 * Applies sample events in batches through {@link EventBatches}: each handler gathers its document and the flush
 * inserts them all, so an application that was lost or doubled would show.
 */
@Component
class SampleBatchListener {

    static final String ID = "sample-batch";
    static final String CONSUMER = "sample-batch-listener";
    static final String APPLIED = "applied_batch_samples";

    private final EventBatches batches;
    private final MongoTemplate mongo;
    private final AtomicInteger largestBatch = new AtomicInteger();
    /** The events each batch's first look was given. */
    private final List<List<String>> prepared = new CopyOnWriteArrayList<>();

    SampleBatchListener(EventBatches batches, MongoTemplate mongo) {
        this.batches = batches;
        this.mongo = mongo;
    }

    @KafkaListener(id = ID, topics = Topics.WORKSHOP, groupId = "support-batch-tests", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        largestBatch.accumulateAndGet(records.size(), Math::max);
        var gathered = new ArrayList<Document>();
        batches.applyOnce(CONSUMER, records, events -> prepared.add(events.stream().map(IncomingEvent::id).toList()), event -> {
            if (!event.is(Sample.SAMPLE_HAPPENED)) {
                return;
            }
            var data = event.data(Sample.SAMPLE_HAPPENED);
            if (data.fail()) {
                throw new IllegalStateException("the sample handler fails on purpose");
            }
            gathered.add(new Document("eventId", event.id()).append("sampleId", data.sampleId()).append("step", data.step()));
        }, () -> {
            if (!gathered.isEmpty()) {
                mongo.getCollection(APPLIED).insertMany(List.copyOf(gathered));
                gathered.clear();
            }
        });
    }

    /** The events each batch was to apply, as its first look saw them. */
    List<List<String>> prepared() {
        return List.copyOf(prepared);
    }

    int largestBatch() {
        return largestBatch.get();
    }

    void forgetBatchSizes() {
        largestBatch.set(0);
    }
}
