package coop.izek.project.directory;

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
        return event.is(MembershipEvents.ORGANISATION_REGISTERED) || event.is(MembershipEvents.MEMBER_ACTIVATED)
                || event.is(MembershipEvents.MEMBER_STATUS_CHANGED) || event.is(MembershipEvents.PERSON_ERASED);
    }

    public void apply(IncomingEvent event) {
        if (event.is(MembershipEvents.ORGANISATION_REGISTERED)) {
            directory.organisationRegistered(event.data(MembershipEvents.ORGANISATION_REGISTERED));
        } else if (event.is(MembershipEvents.MEMBER_ACTIVATED)) {
            var e = event.data(MembershipEvents.MEMBER_ACTIVATED);
            directory.memberStanding(e.personId(), e.memberType(), "ACTIVE");
        } else if (event.is(MembershipEvents.MEMBER_STATUS_CHANGED)) {
            var e = event.data(MembershipEvents.MEMBER_STATUS_CHANGED);
            directory.memberStanding(e.personId(), e.memberType(), e.to());
        } else if (event.is(MembershipEvents.PERSON_ERASED)) {
            directory.forget(event.data(MembershipEvents.PERSON_ERASED).personId());
        }
    }
}
