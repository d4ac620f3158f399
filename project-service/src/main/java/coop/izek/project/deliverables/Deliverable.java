package coop.izek.project.deliverables;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.http.HttpStatus;

import coop.izek.events.DomainEvent;
import coop.izek.events.ProjectEvents;
import coop.izek.support.outbox.OutboxAggregate;
import coop.izek.support.web.ProblemException;

/**
 * A deliverable of a project (D2.1): its work package, due date, the partner responsible and where it stands. Its
 * events are about the project (their subject), so they keep their order with the project's own. The due-soon and
 * overdue announcements remember the due date they were made for: a moved due date is announced again.
 */
@Document("deliverables")
class Deliverable extends OutboxAggregate {

    record Change(DeliverableStatus from, DeliverableStatus to, Instant at, String by, String comment) {
    }

    @Id
    String id;
    @Indexed
    String projectId;
    String acronym;
    String code;
    String title;
    int workPackage;
    LocalDate dueDate;
    String responsibleOrganisationId;
    DeliverableStatus status;
    List<Change> history = new ArrayList<>();
    LocalDate dueSoonAnnouncedFor;
    LocalDate overdueAnnouncedFor;
    Instant createdAt;
    @Version
    Long version;

    static String idFor(String projectId, String code) {
        return projectId + ":" + code;
    }

    static Deliverable create(String projectId, String acronym, String code, String title, int workPackage, LocalDate dueDate,
                              String responsibleOrganisationId, Instant now) {
        var deliverable = new Deliverable();
        deliverable.id = idFor(projectId, code);
        deliverable.projectId = projectId;
        deliverable.acronym = acronym;
        deliverable.code = code;
        deliverable.title = title;
        deliverable.workPackage = workPackage;
        deliverable.dueDate = dueDate;
        deliverable.responsibleOrganisationId = responsibleOrganisationId;
        deliverable.status = DeliverableStatus.PENDING;
        deliverable.createdAt = now;
        return deliverable;
    }

    /** Moves it on; the step must be one its status allows, and sending it back to DRAFT says why. */
    List<DomainEvent<?>> moveTo(DeliverableStatus to, String by, String comment, Instant now) {
        if (!status.next().contains(to)) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Conflict", "A deliverable that is " + status
                    + " cannot become " + to + (status.next().isEmpty() ? "; it is final." : "; it can become "
                    + String.join(" or ", status.next().stream().map(Enum::name).toList()) + "."),
                    Map.of("allowed", status.next().stream().map(Enum::name).toList()));
        }
        if (status == DeliverableStatus.SUBMITTED && to == DeliverableStatus.DRAFT && (comment == null || comment.isBlank())) {
            throw ProblemException.ruleViolated("comment-required", "Sending a submitted deliverable back says what is to be done: add a comment.");
        }
        var from = status;
        status = to;
        history.add(new Change(from, to, now, by, comment == null || comment.isBlank() ? null : comment.strip()));
        return List.of(ProjectEvents.DELIVERABLE_STATUS_CHANGED.of(projectId, new ProjectEvents.DeliverableStatusChanged(projectId, acronym,
                code, title, "WP" + workPackage, responsibleOrganisationId, from.name(), to.name())));
    }

    void moveDueDate(LocalDate newDueDate) {
        if (status == DeliverableStatus.APPROVED) {
            throw ProblemException.conflict("deliverable-final", "An approved deliverable's due date stays as it was.");
        }
        dueDate = newDueDate;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
