package coop.izek.workshop.directory.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;
import coop.izek.workshop.directory.DirectoryUpdates;
import coop.izek.workshop.projects.FundingProjects;
import coop.izek.workshop.workshops.Erasure;

/** Membership events into the local directory; an erasure also reaches the enrolments and project assignments. */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "workshop.directory";

    private final ProcessedEvents processed;
    private final DirectoryUpdates updates;
    private final Erasure erasure;
    private final FundingProjects projects;

    MembershipEventsListener(ProcessedEvents processed, DirectoryUpdates updates, Erasure erasure, FundingProjects projects) {
        this.projects = projects;
        this.processed = processed;
        this.updates = updates;
        this.erasure = erasure;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP)
    void on(IncomingEvent event) {
        if (updates.handles(event)) {
            processed.applyOnce(CONSUMER, event, () -> {
                updates.apply(event);
                if (event.is(MembershipEvents.PERSON_ERASED)) {
                    var personId = event.data(MembershipEvents.PERSON_ERASED).personId();
                    erasure.forget(personId);
                    projects.forgetEducator(personId);
                }
            });
        }
    }
}
