package coop.izek.membership.identity;

/** Platform roles carried in tokens. Services enforce the fine rules themselves. */
public enum Role {
    ADMIN, MEMBER, EDUCATOR, PARTNER
}
