package coop.izek.membership.members;

/** The kinds of lines in the share capital register. */
public enum LedgerEntryKind {
    /** Shares a new member commits to on approval. */
    SUBSCRIPTION,
    /** Money received for shares. */
    PAYMENT,
    /** Shares paid back to a leaving member; written when scheduled, with its due date. */
    REFUND,
    /** Shares moving from one member to another (one line each side). */
    TRANSFER
}
