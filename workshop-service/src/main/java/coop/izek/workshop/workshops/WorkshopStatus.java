package coop.izek.workshop.workshops;

public enum WorkshopStatus {
    DRAFT, PUBLISHED, RUNNING, COMPLETED, CANCELLED
}
