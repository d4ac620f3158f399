package coop.izek.project.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.ProjectEvents;
import coop.izek.project.calls.Programme;
import coop.izek.support.outbox.OutboxAggregate;
import coop.izek.support.web.ProblemException;

/**
 * A project with its consortium, work packages (with each partner's budget), milestones and the educators who may
 * link workshops to it. Decisions check the rules and return the events they cause; the application service saves
 * state and events in one write, and only if nobody changed the project meanwhile ({@code version}).
 */
@Document("projects")
@CompoundIndex(name = "partners", def = "{'partners.organisationId': 1}")
class Project extends OutboxAggregate {

    record Partner(String organisationId, PartnerRole role, Instant joinedAt) {
    }

    record BudgetLine(String organisationId, long amountMinor) {
    }

    record WorkPackage(int number, String title, String leadOrganisationId, List<BudgetLine> budget) {
        boolean isManagement() {
            return number == 1;
        }
    }

    record Milestone(String code, String title, int workPackage, LocalDate dueDate, LocalDate achievedOn) {
    }

    record StatusChange(ProjectStatus from, ProjectStatus to, Instant at, String by) {
    }

    @Id
    String id;
    @Indexed(unique = true)
    String acronym;
    String title;
    String callId;
    Programme programme;
    String coordinatorOrganisationId;
    LocalDate startDate;
    LocalDate endDate;
    String currency;
    ProjectStatus status;
    List<Integer> sdgs = new ArrayList<>();
    List<String> learningCityFeatures = new ArrayList<>();
    List<Partner> partners = new ArrayList<>();
    List<WorkPackage> workPackages = new ArrayList<>();
    List<Milestone> milestones = new ArrayList<>();
    List<String> educators = new ArrayList<>();
    List<StatusChange> history = new ArrayList<>();
    Instant createdAt;
    String createdBy;
    @Version
    Long version;

    record Creation(Project project, List<DomainEvent<?>> events) {
    }

    static Creation create(String id, String acronym, String title, String callId, Programme programme, String coordinatorOrganisationId,
                           LocalDate startDate, LocalDate endDate, String currency, List<Integer> sdgs,
                           List<String> learningCityFeatures, String by, Instant now) {
        var project = new Project();
        project.id = id;
        project.acronym = acronym;
        project.title = title;
        project.callId = callId;
        project.programme = programme;
        project.coordinatorOrganisationId = coordinatorOrganisationId;
        project.startDate = startDate;
        project.endDate = endDate;
        project.currency = currency;
        project.status = ProjectStatus.IDEA;
        project.sdgs = new ArrayList<>(sdgs);
        project.learningCityFeatures = new ArrayList<>(learningCityFeatures);
        project.partners.add(new Partner(coordinatorOrganisationId, PartnerRole.COORDINATOR, now));
        project.createdAt = now;
        project.createdBy = by;
        return new Creation(project, List.of(
                ProjectEvents.PROJECT_CREATED.of(project.id, new ProjectEvents.ProjectCreated(project.id, acronym, title, programme.name(),
                        callId, coordinatorOrganisationId, startDate, endDate, currency, project.status.name(), List.copyOf(sdgs),
                        List.copyOf(learningCityFeatures))),
                ProjectEvents.PARTNER_ADDED.of(project.id, new ProjectEvents.PartnerAdded(project.id, acronym, coordinatorOrganisationId,
                        PartnerRole.COORDINATOR.name()))));
    }

    /** Moves along the lifecycle; anything else is refused naming the steps that are possible from here. */
    List<DomainEvent<?>> transition(ProjectStatus to, String by, Instant now) {
        if (!status.next().contains(to)) {
            throw new ProblemException(org.springframework.http.HttpStatus.CONFLICT, "illegal-transition", "Conflict",
                    "A project that is " + status + " cannot become " + to + (status.next().isEmpty() ? "; it is over."
                            : "; it can become " + String.join(" or ", status.next().stream().map(Enum::name).toList()) + "."),
                    java.util.Map.of("allowed", status.next().stream().map(Enum::name).toList()));
        }
        var from = status;
        status = to;
        history.add(new StatusChange(from, to, now, by));
        return List.of(ProjectEvents.PROJECT_STATUS_CHANGED.of(id, new ProjectEvents.ProjectStatusChanged(id, acronym, from.name(), to.name())));
    }

    List<DomainEvent<?>> addPartner(String organisationId, PartnerRole role, Instant now) {
        if (includes(organisationId)) {
            throw ProblemException.conflict("already-a-partner", "This organisation is in the consortium already.");
        }
        if (role == PartnerRole.COORDINATOR) {
            throw ProblemException.conflict("coordinator-exists", "A consortium has one coordinator, named when the project is created.");
        }
        partners.add(new Partner(organisationId, role, now));
        return List.of(ProjectEvents.PARTNER_ADDED.of(id, new ProjectEvents.PartnerAdded(id, acronym, organisationId, role.name())));
    }

    /** A work package with its lead and each partner's share of the budget (in the project's currency, kuruş/cents). */
    void addWorkPackage(int number, String title, String leadOrganisationId, List<BudgetLine> budget) {
        if (workPackage(number).isPresent()) {
            throw ProblemException.conflict("work-package-exists", "WP" + number + " exists already.");
        }
        requirePartner(leadOrganisationId, "leadOrganisationId");
        var seen = new java.util.HashSet<String>();
        for (var line : budget) {
            requirePartner(line.organisationId(), "budget");
            if (!seen.add(line.organisationId())) {
                throw ProblemException.ruleViolated("budget-line-twice", "Each partner has one budget line per work package.");
            }
        }
        workPackages.add(new WorkPackage(number, title, leadOrganisationId, List.copyOf(budget)));
        workPackages.sort(Comparator.comparingInt(WorkPackage::number));
    }

    void addMilestone(String code, String title, int workPackage, LocalDate dueDate) {
        requireWorkPackage(workPackage);
        if (milestones.stream().anyMatch(m -> m.code().equals(code))) {
            throw ProblemException.conflict("milestone-exists", "Milestone " + code + " exists already.");
        }
        milestones.add(new Milestone(code, title, workPackage, dueDate, null));
    }

    void markMilestoneReached(String code, LocalDate on) {
        var index = -1;
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i).code().equals(code)) {
                index = i;
            }
        }
        if (index < 0) {
            throw ProblemException.notFound("milestone", code);
        }
        var m = milestones.get(index);
        milestones.set(index, new Milestone(m.code(), m.title(), m.workPackage(), m.dueDate(), on));
    }

    List<DomainEvent<?>> assignEducator(String personId) {
        if (educators.contains(personId)) {
            return List.of();
        }
        educators.add(personId);
        return List.of(ProjectEvents.EDUCATOR_ASSIGNED.of(id, new ProjectEvents.EducatorAssigned(id, acronym, personId)));
    }

    boolean includes(String organisationId) {
        return partners.stream().anyMatch(p -> p.organisationId().equals(organisationId));
    }

    Optional<PartnerRole> roleOf(String organisationId) {
        return partners.stream().filter(p -> p.organisationId().equals(organisationId)).map(Partner::role).findFirst();
    }

    Optional<WorkPackage> workPackage(int number) {
        return workPackages.stream().filter(w -> w.number() == number).findFirst();
    }

    void requireWorkPackage(int number) {
        if (workPackage(number).isEmpty()) {
            throw ProblemException.ruleViolated("unknown-work-package", "The project has no WP" + number + ".");
        }
    }

    void requirePartner(String organisationId, String field) {
        if (!includes(organisationId)) {
            throw ProblemException.ruleViolated("not-a-partner", "The organisation in '" + field + "' is not in the project's consortium.");
        }
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
