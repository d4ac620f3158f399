package coop.izek.membership.identity;

/** Platform roles carried in tokens. Services enforce the fine rules themselves. */
public enum Role {
    ADMIN, MEMBER, EDUCATOR, PARTNER,
    /** A person who works for a partner organisation: sees that organisation's projects, as its API clients do. */
    PARTNER_STAFF
}
