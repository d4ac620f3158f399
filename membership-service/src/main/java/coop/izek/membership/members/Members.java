package coop.izek.membership.members;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.DomainEvent;
import coop.izek.events.WorkshopCategory;
import coop.izek.support.money.Money;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** Members, their status and the share capital register. */
@Service
public class Members {

    public record MemberView(String id, String memberNumber, String personId, MemberType memberType, MemberStatus status,
                             int shares, List<WorkshopCategory> expertise, Instant joinedAt) {
    }

    static final ZoneId COOPERATIVE_ZONE = ZoneId.of("Europe/Istanbul");
    private static final int MAX_RETRIES = 20;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final SharesProperties shares;
    private final Clock clock;

    Members(MongoTemplate mongo, Outbox outbox, SharesProperties shares, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.shares = shares;
        this.clock = clock;
    }

    /**
     * The member an approved application creates, with the next member number and a subscription line for the
     * minimum holding. Safe to call again for the same application: the existing member is returned.
     */
    public MemberView createApproved(String applicationId, String personId, MemberType type, List<WorkshopCategory> expertise,
                                     String approvedBy) {
        var existing = mongo.findOne(Query.query(Criteria.where("personId").is(personId)), Member.class);
        if (existing != null) {
            if (!applicationId.equals(existing.applicationId())) {
                throw ProblemException.conflict("already-a-member", "This person is a member already.");
            }
            return view(existing);
        }
        var id = UUID.randomUUID().toString();
        var now = clock.instant();
        var member = Numbering.insertNext(mongo, Member.class, "seq", Member::seq, seq -> {
            var created = Member.approved(id, seq, personId, applicationId, type, expertise, approvedBy, now);
            created.approvalEvents().forEach(e -> created.outbox().add(outbox.toOutboxEvent(e)));
            return created;
        }, () -> {
            if (mongo.exists(Query.query(Criteria.where("personId").is(personId)), Member.class)) {
                throw ProblemException.conflict("already-a-member", "This person is a member already.");
            }
        });
        outbox.afterWrite(Member.class, member.id());
        var price = shares.price();
        appendToRegister(member.id(), LedgerEntryKind.SUBSCRIPTION, shares.minimumShares(),
                price.times(shares.minimumShares()), today(), null, null, approvedBy);
        return view(member);
    }

    /**
     * Records a share payment: amount must equal shares × unit price; the reference may be used once. The member
     * becomes ACTIVE once the paid holding reaches the minimum.
     */
    public long recordPayment(String memberId, int count, Money amount, LocalDate paidOn, String reference, String by) {
        var member = member(memberId);
        if (member.status() == MemberStatus.RESIGNED || member.status() == MemberStatus.EXPELLED) {
            throw ProblemException.conflict("member-left", "Payments cannot be recorded for a member who is " + member.status() + ".");
        }
        var expected = shares.price().times(count);
        var paid = amount.inCurrency(shares.currency());
        if (!paid.sameAs(expected)) {
            throw ProblemException.ruleViolated("amount-mismatch", count + " share(s) cost " + expected + ", not " + paid + ".");
        }
        if (paidOn.isAfter(today())) {
            throw ProblemException.ruleViolated("payment-in-future", "A payment cannot be dated in the future.");
        }
        if (referenceUsed(reference)) {
            throw referenceTaken();
        }
        return appendToRegister(memberId, LedgerEntryKind.PAYMENT, count, paid, paidOn, reference.strip(), null, by).number();
    }

    /**
     * Moves shares from one member to another (staff record the board's approval of it). The giver keeps at least the
     * minimum holding unless they are leaving; the receiver may become ACTIVE by it.
     */
    public long transfer(String fromMemberId, String toMemberId, int count, LocalDate on, String by) {
        if (fromMemberId.equals(toMemberId)) {
            throw ProblemException.ruleViolated("transfer-to-self", "Shares move between two different members.");
        }
        var from = member(fromMemberId);
        var to = member(toMemberId);
        for (var member : List.of(from, to)) {
            if (member.status() == MemberStatus.RESIGNED || member.status() == MemberStatus.EXPELLED) {
                throw ProblemException.conflict("member-left", "Shares cannot move to or from a member who is " + member.status() + ".");
            }
        }
        if (from.sharesHeld() - count < shares.minimumShares()) {
            throw ProblemException.ruleViolated("below-minimum-holding", "The giver holds " + from.sharesHeld()
                    + " share(s) and must keep at least " + shares.minimumShares() + ".");
        }
        return appendToRegister(fromMemberId, toMemberId, LedgerEntryKind.TRANSFER, count, shares.price().times(count), on,
                null, null, by).number();
    }

    /** Staff move a member between statuses; resignation schedules the refund of the paid shares. */
    public MemberView changeStatus(String memberId, MemberStatus to, String reason, String by) {
        var changed = update(memberId, member -> member.changeStatus(to, reason, by, clock.instant()));
        if (to == MemberStatus.RESIGNED && changed.sharesHeld() > 0) {
            var held = changed.sharesHeld();
            appendToRegister(memberId, LedgerEntryKind.REFUND, -held, shares.price().times(-held), today(), null,
                    today().plus(shares.refundAfter()), by);
        }
        return view(member(memberId));
    }

    public MemberView resign(String personId, String reason) {
        var member = findByPerson(personId).orElseThrow(() -> ProblemException.notFound("membership of", personId));
        return changeStatus(member.id(), MemberStatus.RESIGNED, reason, personId);
    }

    /** The holding a member pays for to become ACTIVE: the minimum number of shares, at the current price. */
    public int minimumShares() {
        return shares.minimumShares();
    }

    public Money sharePrice() {
        return shares.price();
    }

    public MemberView find(String memberId) {
        return view(member(memberId));
    }

    public Optional<MemberView> findByPerson(String personId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("personId").is(personId)), Member.class)).map(Members::view);
    }

    /** A member by the number on their card (IZEK-000123), as members know each other. */
    public Optional<MemberView> findByNumber(String memberNumber) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("memberNumber").is(memberNumber)), Member.class)).map(Members::view);
    }

    public PageResponse<MemberView> page(MemberStatus status, int page, int size) {
        var query = status == null ? new Query() : Query.query(Criteria.where("status").is(status));
        long total = mongo.count(query, Member.class);
        var items = mongo.find(query.with(Sort.by("seq")).skip((long) page * size).limit(size), Member.class).stream().map(Members::view).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** Person ids of every ACTIVE member. */
    public List<String> activePersonIds() {
        return mongo.find(Query.query(Criteria.where("status").is(MemberStatus.ACTIVE)), Member.class).stream().map(Member::personId).toList();
    }

    /** Member ids of every ACTIVE member (the electorate of an assembly). */
    public List<String> activeMemberIds() {
        return mongo.find(Query.query(Criteria.where("status").is(MemberStatus.ACTIVE)), Member.class).stream().map(Member::id).toList();
    }

    public boolean isActive(String memberId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(memberId).and("status").is(MemberStatus.ACTIVE)), Member.class);
    }

    /** Applies register lines whose application to the holding was interrupted (a crash between the two writes). */
    void applyPending(Instant olderThan) {
        var pending = mongo.find(Query.query(Criteria.where("applied").is(false).and("recordedAt").lt(olderThan)), LedgerEntry.class);
        pending.forEach(this::applyToHolding);
    }

    LedgerEntry appendToRegister(String memberId, LedgerEntryKind kind, int count, Money amount, LocalDate date,
                                 String reference, LocalDate dueOn, String by) {
        return appendToRegister(memberId, null, kind, count, amount, date, reference, dueOn, by);
    }

    private LedgerEntry appendToRegister(String memberId, String toMemberId, LedgerEntryKind kind, int count, Money amount,
                                         LocalDate date, String reference, LocalDate dueOn, String by) {
        var entry = Numbering.insertNext(mongo, LedgerEntry.class, "number", LedgerEntry::number,
                number -> new LedgerEntry(number, kind, memberId, count, amount.minorUnits(), amount.currency(), date,
                        reference, dueOn, toMemberId, clock.instant(), by, false),
                () -> {
                    if (reference != null && referenceUsed(reference)) {
                        throw referenceTaken();
                    }
                });
        applyToHolding(entry);
        return entry;
    }

    private void applyToHolding(LedgerEntry entry) {
        entry.members().forEach(id -> update(id, member -> member.apply(entry, shares.minimumShares(), clock.instant())));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(entry.number())), Update.update("applied", true), LedgerEntry.class);
    }

    /** Load, decide, save with the version check; a concurrent change makes it decide again on fresh state. */
    private Member update(String memberId, Function<Member, List<DomainEvent<?>>> decision) {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            var member = member(memberId);
            var events = decision.apply(member);
            try {
                return outbox.save(member, events);
            } catch (OptimisticLockingFailureException concurrentChange) {
                // someone else changed the member meanwhile: decide again
            }
        }
        throw ProblemException.conflict("busy", "The member is being changed by others; try again.");
    }

    private Member member(String memberId) {
        var member = mongo.findById(memberId, Member.class);
        if (member == null) {
            throw ProblemException.notFound("member", memberId);
        }
        return member;
    }

    private boolean referenceUsed(String reference) {
        return mongo.exists(Query.query(Criteria.where("reference").is(reference.strip())), LedgerEntry.class);
    }

    private static ProblemException referenceTaken() {
        return ProblemException.conflict("payment-reference-used", "A payment with this reference is in the register already.");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(COOPERATIVE_ZONE));
    }

    static MemberView view(Member m) {
        return new MemberView(m.id(), m.memberNumber(), m.personId(), m.memberType(), m.status(), m.sharesHeld(),
                m.expertise(), m.joinedAt());
    }
}
