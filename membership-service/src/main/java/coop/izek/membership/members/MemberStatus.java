package coop.izek.membership.members;

import java.util.EnumSet;
import java.util.Set;

/** Where a member stands. Only ACTIVE members vote; RESIGNED and EXPELLED are final. */
public enum MemberStatus {
    AWAITING_SHARE_PAYMENT, ACTIVE, SUSPENDED, RESIGNED, EXPELLED;

    /** The statuses staff may move a member to from this one (payments move AWAITING_SHARE_PAYMENT to ACTIVE). */
    Set<MemberStatus> next() {
        return switch (this) {
            case AWAITING_SHARE_PAYMENT -> EnumSet.of(RESIGNED);
            case ACTIVE -> EnumSet.of(SUSPENDED, RESIGNED, EXPELLED);
            case SUSPENDED -> EnumSet.of(ACTIVE, RESIGNED, EXPELLED);
            case RESIGNED, EXPELLED -> EnumSet.noneOf(MemberStatus.class);
        };
    }
}
