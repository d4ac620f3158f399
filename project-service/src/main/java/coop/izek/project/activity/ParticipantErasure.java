package coop.izek.project.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import coop.izek.project.activity.ActivityRecords.ActivityWorkshop;
import coop.izek.project.activity.ActivityRecords.Place;

/**
 * An erased person (and their dependants) stay in the counts but no longer as themselves: their fingerprint is
 * replaced everywhere by one random token that nothing links back to them. A place's id does not depend on the
 * fingerprint, so a replayed enrolment finds the place and leaves its token alone.
 */
@Component
public class ParticipantErasure {

    private final MongoTemplate mongo;
    private final ParticipantKeys keys;

    ParticipantErasure(MongoTemplate mongo, ParticipantKeys keys) {
        this.mongo = mongo;
        this.keys = keys;
    }

    public void forget(String personId, List<String> dependantIds) {
        var fingerprints = new ArrayList<String>();
        fingerprints.add(keys.ofPerson(personId));
        dependantIds.forEach(id -> fingerprints.add(keys.ofDependant(id)));
        for (var fingerprint : fingerprints) {
            var token = "erased:" + UUID.randomUUID();
            mongo.updateMulti(Query.query(Criteria.where("key").is(fingerprint)), Update.update("key", token), Place.class);
            mongo.updateMulti(Query.query(Criteria.where("completedParticipants.key").is(fingerprint)),
                    Update.update("completedParticipants.$.key", token), ActivityWorkshop.class);
        }
    }
}
