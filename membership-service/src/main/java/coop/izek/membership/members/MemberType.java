package coop.izek.membership.members;

/** Educators teach (and may publish workshops once ACTIVE); supporters are learner and parent members. */
public enum MemberType {
    EDUCATOR, SUPPORTER
}
