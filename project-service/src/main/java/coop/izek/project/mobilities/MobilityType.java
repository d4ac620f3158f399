package coop.izek.project.mobilities;

/** The kinds of learning mobility the cooperative's projects run. */
public enum MobilityType {
    TRAINING, EXCHANGE, STUDY_VISIT, JOB_SHADOWING
}
