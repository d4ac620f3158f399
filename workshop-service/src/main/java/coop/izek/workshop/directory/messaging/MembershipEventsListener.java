package coop.izek.workshop.directory.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.Topics;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.workshop.directory.DirectoryUpdates;

/** Membership events into the local directory. */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "workshop.directory";

    private final ProcessedEvents processed;
    private final DirectoryUpdates updates;

    MembershipEventsListener(ProcessedEvents processed, DirectoryUpdates updates) {
        this.processed = processed;
        this.updates = updates;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP)
    void on(IncomingEvent event) {
        if (updates.handles(event)) {
            processed.applyOnce(CONSUMER, event, () -> updates.apply(event));
        }
    }
}
