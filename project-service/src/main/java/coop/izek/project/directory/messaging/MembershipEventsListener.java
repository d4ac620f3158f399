package coop.izek.project.directory.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.project.activity.ParticipantErasure;
import coop.izek.project.directory.DirectoryUpdates;
import coop.izek.project.projects.Projects;
import coop.izek.support.messaging.IncomingEvent;
import coop.izek.support.messaging.ProcessedEvents;

/**
 * Membership events into the directory of organisations and educators; an erasure also reaches the projects (an
 * erased educator is no longer assigned) and the activity records (their fingerprint is replaced).
 */
@Component
class MembershipEventsListener {

    static final String CONSUMER = "project.directory";

    private final ProcessedEvents processed;
    private final DirectoryUpdates updates;
    private final Projects projects;
    private final ParticipantErasure participants;

    MembershipEventsListener(ProcessedEvents processed, DirectoryUpdates updates, Projects projects, ParticipantErasure participants) {
        this.processed = processed;
        this.updates = updates;
        this.projects = projects;
        this.participants = participants;
    }

    @KafkaListener(topics = Topics.MEMBERSHIP)
    void on(IncomingEvent event) {
        if (updates.handles(event)) {
            processed.applyOnce(CONSUMER, event, () -> {
                updates.apply(event);
                if (event.is(MembershipEvents.PERSON_ERASED)) {
                    var erased = event.data(MembershipEvents.PERSON_ERASED);
                    projects.forgetEducator(erased.personId());
                    participants.forget(erased.personId(), erased.dependantIds());
                }
            });
        }
    }
}
