package coop.izek.project.mobilities;

/** Planned, or it took place (and its participant counts are what happened). */
public enum MobilityStatus {
    PLANNED, REALISED
}
