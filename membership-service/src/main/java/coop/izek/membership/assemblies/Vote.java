package coop.izek.membership.assemblies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member's vote on one motion, cast by the member or by their proxy. Its id is motion and member, so a second
 * vote for the same member on the same motion is refused by the store itself.
 */
@Document("votes")
record Vote(@Id String id, String assemblyId, @Indexed String motionId, String memberId, String castBy, Choice choice,
            Instant castAt) {

    enum Choice {
        YES, NO, ABSTAIN
    }

    static String idFor(String motionId, String memberId) {
        return motionId + ":" + memberId;
    }
}
