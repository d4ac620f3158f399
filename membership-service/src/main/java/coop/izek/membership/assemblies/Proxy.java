package coop.izek.membership.assemblies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member carrying another member's vote at one assembly. At most one per holder (the id) and one holder per
 * represented member (the unique index), as Turkish cooperative law allows.
 */
@Document("proxies")
@CompoundIndex(name = "one_holder_per_member", def = "{'assemblyId': 1, 'representedMemberId': 1}", unique = true)
record Proxy(@Id String id, String assemblyId, String holderMemberId, String representedMemberId, Instant since) {

    static String idFor(String assemblyId, String holderMemberId) {
        return assemblyId + ":" + holderMemberId;
    }
}
