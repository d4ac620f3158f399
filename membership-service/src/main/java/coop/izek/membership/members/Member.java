package coop.izek.membership.members;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.ApplicationDecided;
import coop.izek.events.MembershipEvents.MemberActivated;
import coop.izek.events.MembershipEvents.MemberStatusChanged;
import coop.izek.events.MembershipEvents.SharePaymentRecorded;
import coop.izek.events.WorkshopCategory;
import coop.izek.support.outbox.OutboxAggregate;
import coop.izek.support.web.ProblemException;

/**
 * A member of the cooperative: number, type, status and paid share holding. Decisions return the events they cause;
 * concurrent changes are caught by {@code version} and retried by the application service.
 */
@Document("members")
class Member extends OutboxAggregate {

    record StatusChange(MemberStatus from, MemberStatus to, String reason, String by, Instant at) {
    }

    @Id
    private String id;
    @Indexed(unique = true)
    private long seq;
    @Indexed(unique = true)
    private String memberNumber;
    @Indexed(unique = true)
    private String personId;
    private String applicationId;
    private MemberType memberType;
    private List<WorkshopCategory> expertise;
    private MemberStatus status;
    private int sharesHeld;
    private Instant joinedAt;
    private Instant activatedAt;
    private List<StatusChange> statusHistory = new ArrayList<>();
    private List<Long> appliedEntries = new ArrayList<>();
    @Version
    private Long version;

    Member() {
    }

    static String numberFor(long seq) {
        return String.format("IZEK-%06d", seq);
    }

    /** The member an approved application creates, awaiting the share payment; announces the approval. */
    static Member approved(String id, long seq, String personId, String applicationId, MemberType type,
                           List<WorkshopCategory> expertise, String approvedBy, Instant now) {
        var member = new Member();
        member.id = id;
        member.seq = seq;
        member.memberNumber = numberFor(seq);
        member.personId = personId;
        member.applicationId = applicationId;
        member.memberType = type;
        member.expertise = List.copyOf(expertise);
        member.status = MemberStatus.AWAITING_SHARE_PAYMENT;
        member.joinedAt = now;
        member.statusHistory.add(new StatusChange(null, MemberStatus.AWAITING_SHARE_PAYMENT, "application approved", approvedBy, now));
        return member;
    }

    List<DomainEvent<?>> approvalEvents() {
        return List.of(MembershipEvents.APPLICATION_DECIDED.of(applicationId,
                new ApplicationDecided(applicationId, personId, "APPROVE", null, id, memberNumber)));
    }

    /** Applies a register line to the holding, once; shares that reach the minimum make the member ACTIVE. */
    List<DomainEvent<?>> apply(LedgerEntry entry, int minimumShares, Instant now) {
        if (appliedEntries.contains(entry.number())) {
            return List.of();
        }
        appliedEntries.add(entry.number());
        int change = entry.sharesFor(id);
        sharesHeld += change;
        var events = new ArrayList<DomainEvent<?>>();
        if (entry.kind() == LedgerEntryKind.PAYMENT) {
            events.add(MembershipEvents.SHARE_PAYMENT_RECORDED.of(id, new SharePaymentRecorded(id, personId, entry.number(),
                    entry.shares(), java.math.BigDecimal.valueOf(entry.amountMinor(), 2).toPlainString(), entry.currency(),
                    entry.date(), sharesHeld)));
        }
        if (change > 0 && status == MemberStatus.AWAITING_SHARE_PAYMENT && sharesHeld >= minimumShares) {
            events.add(moveTo(MemberStatus.ACTIVE, "minimum share holding paid", "share register", now));
            activatedAt = now;
            events.add(MembershipEvents.MEMBER_ACTIVATED.of(id, new MemberActivated(id, personId, memberNumber,
                    memberType.name(), expertise)));
        }
        return events;
    }

    /** A staff decision (or the member's own resignation); refused with 409 when the status cannot follow. */
    List<DomainEvent<?>> changeStatus(MemberStatus to, String reason, String by, Instant now) {
        if (!status.next().contains(to)) {
            throw ProblemException.conflict("illegal-status-change", "A member who is " + status + " cannot become " + to + ".");
        }
        return List.of(moveTo(to, reason, by, now));
    }

    private DomainEvent<?> moveTo(MemberStatus to, String reason, String by, Instant now) {
        var from = status;
        status = to;
        statusHistory.add(new StatusChange(from, to, reason, by, now));
        return MembershipEvents.MEMBER_STATUS_CHANGED.of(id, new MemberStatusChanged(id, personId, memberType.name(),
                from.name(), to.name(), reason));
    }

    @Override
    public String aggregateId() {
        return id;
    }

    String id() {
        return id;
    }

    long seq() {
        return seq;
    }

    String memberNumber() {
        return memberNumber;
    }

    String personId() {
        return personId;
    }

    String applicationId() {
        return applicationId;
    }

    MemberType memberType() {
        return memberType;
    }

    List<WorkshopCategory> expertise() {
        return expertise;
    }

    MemberStatus status() {
        return status;
    }

    int sharesHeld() {
        return sharesHeld;
    }

    Instant joinedAt() {
        return joinedAt;
    }

    List<StatusChange> statusHistory() {
        return statusHistory;
    }
}
