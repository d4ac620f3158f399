package coop.izek.membership.members;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One line of the share capital register, numbered without gaps and never changed once written (only its
 * {@code applied} mark, which says the member's holding reflects it). Amounts are kept in minor units (kuruş).
 *
 * @param shares    shares this line adds to (positive) or takes from (negative) the member's paid holding;
 *                  for a subscription, the shares committed to (it changes no holding)
 * @param reference the payment's unique reference (bank transfer id, receipt number), for payments
 * @param dueOn     for a scheduled refund, when it is due
 * @param toMemberId for a transfer, the member receiving the shares ({@code memberId} gives them); one line, so a
 *                  transfer is never half written
 */
@Document("share_ledger")
record LedgerEntry(
        @Id long number,
        LedgerEntryKind kind,
        @Indexed String memberId,
        int shares,
        long amountMinor,
        String currency,
        LocalDate date,
        @Indexed(unique = true, sparse = true) String reference,
        LocalDate dueOn,
        @Indexed(sparse = true) String toMemberId,
        Instant recordedAt,
        String recordedBy,
        boolean applied) {

    /** What this line does to the paid holding of {@code member}. */
    int sharesFor(String member) {
        return switch (kind) {
            case SUBSCRIPTION -> 0;
            case PAYMENT, REFUND -> member.equals(memberId) ? shares : 0;
            case TRANSFER -> member.equals(memberId) ? -shares : member.equals(toMemberId) ? shares : 0;
        };
    }

    /** The members whose holding this line changes. */
    java.util.List<String> members() {
        return toMemberId == null ? java.util.List.of(memberId) : java.util.List.of(memberId, toMemberId);
    }
}
