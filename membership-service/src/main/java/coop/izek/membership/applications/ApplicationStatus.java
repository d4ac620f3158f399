package coop.izek.membership.applications;

public enum ApplicationStatus {
    PENDING, APPROVED, REJECTED
}
