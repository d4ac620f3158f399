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
        Instant recordedAt,
        String recordedBy,
        boolean applied) {
}
