package coop.izek.project.activity;

import org.springframework.stereotype.Component;

import coop.izek.events.WorkshopEvents;
import coop.izek.support.secrets.Secrets;

/**
 * A participant as the activity records know them: a keyed fingerprint of their person or dependant id, the same
 * across workshops (so a person is counted once per figure) and meaningless without the master key.
 */
@Component
class ParticipantKeys {

    private static final String PURPOSE = "project-participants";

    private final Secrets secrets;

    ParticipantKeys(Secrets secrets) {
        this.secrets = secrets;
    }

    String of(WorkshopEvents.Participant participant) {
        return participant.dependantId() != null ? ofDependant(participant.dependantId()) : ofPerson(participant.personId());
    }

    String ofPerson(String personId) {
        return secrets.fingerprint(PURPOSE, "person:" + personId);
    }

    String ofDependant(String dependantId) {
        return secrets.fingerprint(PURPOSE, "dependant:" + dependantId);
    }
}
