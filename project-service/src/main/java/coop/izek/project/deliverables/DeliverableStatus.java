package coop.izek.project.deliverables;

import java.util.List;

/** PENDING → DRAFT → SUBMITTED → APPROVED, or from SUBMITTED back to DRAFT with a comment. */
public enum DeliverableStatus {
    PENDING, DRAFT, SUBMITTED, APPROVED;

    List<DeliverableStatus> next() {
        return switch (this) {
            case PENDING -> List.of(DRAFT);
            case DRAFT -> List.of(SUBMITTED);
            case SUBMITTED -> List.of(APPROVED, DRAFT);
            case APPROVED -> List.of();
        };
    }

    /** Not handed in yet: its due date still matters. */
    boolean isOutstanding() {
        return this == PENDING || this == DRAFT;
    }
}
