package coop.izek.project.deliverables;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.project.projects.Projects;
import coop.izek.support.cooperative.CooperativeProperties;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.security.Caller;
import coop.izek.support.web.ProblemException;

/**
 * Deliverables as staff and partners work on them. Staff add them and move their due dates; the responsible
 * partner takes one from PENDING to DRAFT to SUBMITTED; the coordinator's staff approve it or send it back with a
 * comment (the cooperative's staff when the cooperative coordinates, the coordinating partner otherwise). A project
 * the caller is not in does not exist for it (404); a step it may not take in a project it is in is 403.
 */
@Service
public class Deliverables {

    public record Draft(String code, String title, String workPackage, LocalDate dueDate, String responsibleOrganisationId) {
    }

    public record Change(DeliverableStatus status, LocalDate dueDate, String comment) {
    }

    public record HistoryView(DeliverableStatus from, DeliverableStatus to, java.time.Instant at, String comment) {
    }

    public record DeliverableView(String code, String title, String workPackage, LocalDate dueDate, String responsibleOrganisationId,
                                  DeliverableStatus status, List<HistoryView> history) {
    }

    private static final Pattern CODE = Pattern.compile("D\\d{1,2}(\\.\\d{1,2}){0,2}");
    private static final int MAX_ATTEMPTS = 20;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Projects projects;
    private final CooperativeProperties cooperative;
    private final Clock clock;

    Deliverables(MongoTemplate mongo, Outbox outbox, Projects projects, CooperativeProperties cooperative, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.projects = projects;
        this.cooperative = cooperative;
        this.clock = clock;
    }

    public DeliverableView add(String projectId, Draft draft, Caller caller) {
        var project = projects.membership(projectId, caller);
        var code = draft.code().strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw ProblemException.invalidField("code", "must look like D2.1 (D, the work package, a dot, the number)");
        }
        int workPackage = Projects.workPackageNumber(draft.workPackage(), "workPackage");
        if (!project.workPackages().contains(workPackage)) {
            throw ProblemException.ruleViolated("unknown-work-package", "The project has no WP" + workPackage + ".");
        }
        if (!project.includes(draft.responsibleOrganisationId())) {
            throw ProblemException.ruleViolated("not-a-partner", "The organisation in 'responsibleOrganisationId' is not in the project's consortium.");
        }
        var deliverable = Deliverable.create(project.id(), project.acronym(), code, draft.title().strip(), workPackage, draft.dueDate(),
                draft.responsibleOrganisationId(), clock.instant());
        try {
            outbox.insert(deliverable, List.of());
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("deliverable-exists", "The project has a deliverable " + code + " already.");
        }
        return view(deliverable);
    }

    public List<DeliverableView> list(String projectId, DeliverableStatus status, Caller caller) {
        var project = projects.membership(projectId, caller);
        var query = Query.query(Criteria.where("projectId").is(project.id()));
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status));
        }
        return mongo.find(query.with(Sort.by("workPackage", "dueDate", "code")), Deliverable.class).stream().map(Deliverables::view).toList();
    }

    public DeliverableView find(String projectId, String code, Caller caller) {
        var project = projects.membership(projectId, caller);
        return view(load(project.id(), code));
    }

    /** A status step, a new due date (staff only), or both; a status step back to DRAFT carries a comment. */
    public DeliverableView change(String projectId, String code, Change change, Caller caller) {
        // Who may see the project first: an outsider learns nothing from how its request is wrong.
        var project = projects.membership(projectId, caller);
        if (change.status() == null && change.dueDate() == null) {
            throw ProblemException.invalidField("status", "give a status or a dueDate");
        }
        boolean staff = caller.hasRole("ADMIN");
        if (change.dueDate() != null && !staff) {
            throw ProblemException.forbidden("Only the cooperative's staff move a deliverable's due date.");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var deliverable = load(project.id(), code);
            if (change.dueDate() != null) {
                deliverable.moveDueDate(change.dueDate());
            }
            List<coop.izek.events.DomainEvent<?>> events = List.of();
            if (change.status() != null && change.status() != deliverable.status) {
                requireAllowed(deliverable, change.status(), project, caller);
                events = deliverable.moveTo(change.status(), caller.id(), change.comment(), clock.instant());
            }
            try {
                return view(outbox.save(deliverable, events));
            } catch (OptimisticLockingFailureException concurrentChange) {
                // changed meanwhile: decide again on what is stored now
            }
        }
        throw ProblemException.conflict("busy", "The deliverable is being changed by others; try again.");
    }

    private void requireAllowed(Deliverable deliverable, DeliverableStatus to, Projects.Membership project, Caller caller) {
        boolean approving = deliverable.status == DeliverableStatus.SUBMITTED;
        if (caller.hasRole("ADMIN")) {
            if (approving && to == DeliverableStatus.APPROVED && !cooperative.organisationId().equals(project.coordinatorOrganisationId())) {
                throw ProblemException.forbidden("Only the coordinator approves deliverables; " + project.acronym()
                        + " is coordinated by another organisation.");
            }
            return;
        }
        var organisation = caller.organisationId().orElse("");
        if (approving) {
            if (!organisation.equals(project.coordinatorOrganisationId()) || organisation.equals(deliverable.responsibleOrganisationId)) {
                throw ProblemException.forbidden("Only the coordinator approves a deliverable or sends it back, and not its own.");
            }
            return;
        }
        if (!organisation.equals(deliverable.responsibleOrganisationId)) {
            throw ProblemException.forbidden("A partner moves only the deliverables it is responsible for.");
        }
    }

    private Deliverable load(String projectId, String code) {
        var deliverable = mongo.findById(Deliverable.idFor(projectId, code.toUpperCase(Locale.ROOT)), Deliverable.class);
        if (deliverable == null) {
            throw ProblemException.notFound("deliverable", code);
        }
        return deliverable;
    }

    static DeliverableView view(Deliverable d) {
        return new DeliverableView(d.code, d.title, "WP" + d.workPackage, d.dueDate, d.responsibleOrganisationId, d.status,
                d.history.stream().map(h -> new HistoryView(h.from(), h.to(), h.at(), h.comment())).toList());
    }
}
