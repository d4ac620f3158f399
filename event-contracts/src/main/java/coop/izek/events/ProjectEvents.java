package coop.izek.events;

import java.time.LocalDate;
import java.util.List;

/**
 * Events project-service publishes on {@link Topics#PROJECT}. Each carries the project's acronym, so a message about
 * it can be written without asking project-service; organisations are named by the ids membership-service gave them.
 */
public final class ProjectEvents {

    public static final String SOURCE = "/izek/project-service";

    public static final EventType<ProjectCreated> PROJECT_CREATED = new EventType<>(
            "coop.izek.project.project-created.v1", Topics.PROJECT, ProjectCreated.class);

    public static final EventType<ProjectStatusChanged> PROJECT_STATUS_CHANGED = new EventType<>(
            "coop.izek.project.project-status-changed.v1", Topics.PROJECT, ProjectStatusChanged.class);

    public static final EventType<PartnerAdded> PARTNER_ADDED = new EventType<>(
            "coop.izek.project.partner-added.v1", Topics.PROJECT, PartnerAdded.class);

    public static final EventType<DeliverableStatusChanged> DELIVERABLE_STATUS_CHANGED = new EventType<>(
            "coop.izek.project.deliverable-status-changed.v1", Topics.PROJECT, DeliverableStatusChanged.class);

    public static final EventType<DeliverableDueSoon> DELIVERABLE_DUE_SOON = new EventType<>(
            "coop.izek.project.deliverable-due-soon.v1", Topics.PROJECT, DeliverableDueSoon.class);

    public static final EventType<DeliverableOverdue> DELIVERABLE_OVERDUE = new EventType<>(
            "coop.izek.project.deliverable-overdue.v1", Topics.PROJECT, DeliverableOverdue.class);

    public static final EventType<EducatorAssigned> EDUCATOR_ASSIGNED = new EventType<>(
            "coop.izek.project.educator-assigned.v1", Topics.PROJECT, EducatorAssigned.class);

    public static final List<EventType<?>> ALL = List.of(PROJECT_CREATED, PROJECT_STATUS_CHANGED, PARTNER_ADDED,
            DELIVERABLE_STATUS_CHANGED, DELIVERABLE_DUE_SOON, DELIVERABLE_OVERDUE, EDUCATOR_ASSIGNED);

    /** What partner organisations may subscribe to by webhook: everything about their projects but the people in them. */
    public static final List<EventType<?>> FOR_PARTNERS = List.of(PROJECT_CREATED, PROJECT_STATUS_CHANGED, PARTNER_ADDED,
            DELIVERABLE_STATUS_CHANGED, DELIVERABLE_DUE_SOON, DELIVERABLE_OVERDUE);

    private ProjectEvents() {
    }

    /** A project was set up (status IDEA or DRAFTING) with its coordinating organisation. */
    public record ProjectCreated(String projectId, String acronym, String title, String programme, String callId,
                                 String coordinatorOrganisationId, LocalDate startDate, LocalDate endDate, String currency,
                                 String status, List<Integer> sdgs, List<String> learningCityFeatures) {
    }

    /** The project moved along IDEA → DRAFTING → SUBMITTED → GRANTED / REJECTED, GRANTED → RUNNING → CLOSED. */
    public record ProjectStatusChanged(String projectId, String acronym, String from, String to) {
    }

    /** An organisation joined the consortium as COORDINATOR, PARTNER or ASSOCIATED. */
    public record PartnerAdded(String projectId, String acronym, String organisationId, String role) {
    }

    /** A deliverable moved along PENDING → DRAFT → SUBMITTED → APPROVED. */
    public record DeliverableStatusChanged(String projectId, String acronym, String code, String title, String workPackage,
                                           String responsibleOrganisationId, String from, String to) {
    }

    /** Staff let an ACTIVE educator member link their workshops to the project (which then funds their places). */
    public record EducatorAssigned(String projectId, String acronym, String personId) {
    }

    /** A deliverable not yet submitted is due within the warning period (7 days); published once per deliverable and due date. */
    public record DeliverableDueSoon(String projectId, String acronym, String code, String title, LocalDate dueDate,
                                     String responsibleOrganisationId, String status) {
    }

    /** A deliverable's due date passed before it was submitted; published once per deliverable and due date. */
    public record DeliverableOverdue(String projectId, String acronym, String code, String title, LocalDate dueDate,
                                     String responsibleOrganisationId, String status) {
    }
}
