package coop.izek.project.activity.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.project.activity.ActivityUpdates;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;

/** Workshop events into the activity records that indicators and the Learning City report count. */
@Component
class WorkshopEventsListener {

    static final String CONSUMER = "project.activity";

    private final ProcessedEvents processed;
    private final ActivityUpdates updates;

    WorkshopEventsListener(ProcessedEvents processed, ActivityUpdates updates) {
        this.processed = processed;
        this.updates = updates;
    }

    @KafkaListener(topics = Topics.WORKSHOP)
    void on(IncomingEvent event) {
        if (updates.handles(event)) {
            processed.applyOnce(CONSUMER, event, () -> updates.apply(event));
        }
    }
}
