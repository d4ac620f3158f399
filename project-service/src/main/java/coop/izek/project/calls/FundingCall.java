package coop.izek.project.calls;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A call for proposals: the programme, its reference, the deadline and the most a project may ask for. */
@Document("calls")
@CompoundIndex(name = "one_call_per_reference", def = "{'programme': 1, 'reference': 1}", unique = true)
record FundingCall(@Id String id, Programme programme, String reference, String title, LocalDate deadline, long maxBudgetMinor,
                   String currency, Instant createdAt, String createdBy) {
}
