package coop.izek.workshop.directory;

import org.springframework.stereotype.Component;

import coop.izek.events.MembershipEvents;
import coop.izek.support.messaging.IncomingEvent;

/** Which membership events change the directory, and how. */
@Component
public class DirectoryUpdates {

    private final Directory directory;

    DirectoryUpdates(Directory directory) {
        this.directory = directory;
    }

    public boolean handles(IncomingEvent event) {
        return event.is(MembershipEvents.PERSON_REGISTERED) || event.is(MembershipEvents.MEMBER_ACTIVATED)
                || event.is(MembershipEvents.MEMBER_STATUS_CHANGED) || event.is(MembershipEvents.DEPENDANT_ADDED)
                || event.is(MembershipEvents.PERSON_ERASED);
    }

    public void apply(IncomingEvent event) {
        if (event.is(MembershipEvents.PERSON_REGISTERED)) {
            directory.personRegistered(event.data(MembershipEvents.PERSON_REGISTERED));
        } else if (event.is(MembershipEvents.MEMBER_ACTIVATED)) {
            directory.memberActivated(event.data(MembershipEvents.MEMBER_ACTIVATED));
        } else if (event.is(MembershipEvents.MEMBER_STATUS_CHANGED)) {
            directory.memberStatusChanged(event.data(MembershipEvents.MEMBER_STATUS_CHANGED));
        } else if (event.is(MembershipEvents.DEPENDANT_ADDED)) {
            directory.dependantAdded(event.data(MembershipEvents.DEPENDANT_ADDED));
        } else if (event.is(MembershipEvents.PERSON_ERASED)) {
            directory.personErased(event.data(MembershipEvents.PERSON_ERASED));
        }
    }
}
