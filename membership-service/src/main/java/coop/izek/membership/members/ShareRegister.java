package coop.izek.membership.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.support.money.Money;
import coop.izek.support.web.PageResponse;

/** Reading the share capital register: its lines in order, and totals per member and for the cooperative. */
@Service
public class ShareRegister {

    public record Line(long number, LedgerEntryKind kind, String memberId, String toMemberId, int shares, Money amount,
                       LocalDate date, String reference, LocalDate dueOn, Instant recordedAt) {
    }

    /** Paid shares and money net of refunds; subscribed shares as committed on approval. */
    public record Totals(int subscribedShares, int paidShares, Money paidAmount) {
    }

    public record Page(PageResponse<Line> lines, Totals cooperative) {
    }

    private final MongoTemplate mongo;
    private final SharesProperties shares;

    ShareRegister(MongoTemplate mongo, SharesProperties shares) {
        this.mongo = mongo;
        this.shares = shares;
    }

    public Page page(int page, int size) {
        long total = mongo.count(new Query(), LedgerEntry.class);
        var lines = mongo.find(new Query().with(Sort.by("number")).skip((long) page * size).limit(size), LedgerEntry.class)
                .stream().map(this::line).toList();
        return new Page(new PageResponse<>(lines, page, size, total), cooperativeTotals());
    }

    public List<Line> linesOf(String memberId) {
        return entriesOf(memberId).stream().map(this::line).toList();
    }

    /** One member's totals, from every line that touches them (as giver or receiver of a transfer too). */
    public Totals totals(String memberId) {
        int subscribed = 0;
        int paid = 0;
        for (var entry : entriesOf(memberId)) {
            if (entry.kind() == LedgerEntryKind.SUBSCRIPTION) {
                subscribed += entry.shares();
            }
            paid += entry.sharesFor(memberId);
        }
        return new Totals(subscribed, paid, shares.price().times(paid));
    }

    /** The cooperative's totals: transfers move shares between members and change nothing here. */
    public Totals cooperativeTotals() {
        int subscribed = 0;
        int paid = 0;
        long amount = 0;
        var groups = mongo.getCollection("share_ledger").aggregate(List.of(
                new Document("$group", new Document("_id", "$kind")
                        .append("shares", new Document("$sum", "$shares"))
                        .append("amount", new Document("$sum", "$amountMinor")))));
        for (var group : groups) {
            var kind = LedgerEntryKind.valueOf(group.getString("_id"));
            int groupShares = ((Number) group.get("shares")).intValue();
            if (kind == LedgerEntryKind.SUBSCRIPTION) {
                subscribed += groupShares;
            } else if (kind != LedgerEntryKind.TRANSFER) {
                paid += groupShares;
                amount += ((Number) group.get("amount")).longValue();
            }
        }
        return new Totals(subscribed, paid, Money.ofMinorUnits(amount, shares.currency()));
    }

    private List<LedgerEntry> entriesOf(String memberId) {
        return mongo.find(Query.query(new Criteria().orOperator(Criteria.where("memberId").is(memberId),
                Criteria.where("toMemberId").is(memberId))).with(Sort.by("number")), LedgerEntry.class);
    }

    private Line line(LedgerEntry e) {
        return new Line(e.number(), e.kind(), e.memberId(), e.toMemberId(), e.shares(), Money.ofMinorUnits(e.amountMinor(), e.currency()),
                e.date(), e.reference(), e.dueOn(), e.recordedAt());
    }
}
