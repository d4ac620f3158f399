package coop.izek.project.calls;

/** The funding programmes the cooperative applies to. */
public enum Programme {
    ERASMUS_PLUS, ESF_PLUS, HORIZON_EUROPE, UNESCO_GNLC, NATIONAL_AGENCY, DEVELOPMENT_AGENCY, MUNICIPAL, OTHER
}
