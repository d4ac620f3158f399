package coop.izek.membership.assemblies;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's grant of their vote at one assembly to another member (Turkish cooperative law: a member carries at
 * most one proxy). Granted by the represented member themself; revocable until the holder has used it. The store
 * refuses a second grant by the same member and a second proxy for the same holder.
 */
@Document("proxies")
@CompoundIndexes({
        @CompoundIndex(name = "one_proxy_per_holder", def = "{'assemblyId': 1, 'holderMemberId': 1}", unique = true),
        @CompoundIndex(name = "one_holder_per_member", def = "{'assemblyId': 1, 'representedMemberId': 1}", unique = true)
})
record Proxy(@Id String id, String assemblyId, String holderMemberId, String representedMemberId, Instant grantedAt,
             boolean used, Instant usedAt) {
}
