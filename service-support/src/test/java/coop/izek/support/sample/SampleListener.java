package coop.izek.support.sample;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;

/** Applies sample events through {@link ProcessedEvents}; each application is a new document, so doubles would show. */
@Component
class SampleListener {

    static final String APPLIED = "applied_samples";

    private final ProcessedEvents processed;
    private final MongoTemplate mongo;

    SampleListener(ProcessedEvents processed, MongoTemplate mongo) {
        this.processed = processed;
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.PROJECT, groupId = "support-tests")
    void on(IncomingEvent event) {
        if (!event.is(Sample.SAMPLE_HAPPENED)) {
            return;
        }
        var data = event.data(Sample.SAMPLE_HAPPENED);
        processed.applyOnce("sample-listener", event, () -> {
            if (data.fail()) {
                throw new IllegalStateException("the sample handler fails on purpose");
            }
            mongo.getCollection(APPLIED).insertOne(new Document("eventId", event.id()).append("sampleId", data.sampleId()));
        });
    }
}
