package coop.izek.project.projects;

import java.util.List;

/** IDEA → DRAFTING → SUBMITTED → GRANTED | REJECTED; GRANTED → RUNNING → CLOSED. */
public enum ProjectStatus {
    IDEA, DRAFTING, SUBMITTED, GRANTED, REJECTED, RUNNING, CLOSED;

    public List<ProjectStatus> next() {
        return switch (this) {
            case IDEA -> List.of(DRAFTING);
            case DRAFTING -> List.of(SUBMITTED);
            case SUBMITTED -> List.of(GRANTED, REJECTED);
            case GRANTED -> List.of(RUNNING);
            case RUNNING -> List.of(CLOSED);
            case REJECTED, CLOSED -> List.of();
        };
    }

    /** Granted and not yet over: the project funds places and its deadlines matter. */
    public boolean isFunded() {
        return this == GRANTED || this == RUNNING;
    }
}
