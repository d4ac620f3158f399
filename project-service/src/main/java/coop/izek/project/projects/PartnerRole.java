package coop.izek.project.projects;

/** An organisation's place in a consortium. */
public enum PartnerRole {
    COORDINATOR, PARTNER, ASSOCIATED
}
