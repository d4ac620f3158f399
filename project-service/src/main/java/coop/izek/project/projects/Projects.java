package coop.izek.project.projects;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.events.DomainEvent;
import coop.izek.events.LearningCityFeature;
import coop.izek.project.calls.Calls;
import coop.izek.project.calls.Programme;
import coop.izek.project.directory.Directory;
import coop.izek.support.money.Money;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.security.Caller;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/**
 * Projects and their consortia, as staff run them and as partner organisations see them: a partner sees only the
 * projects it is in; any other project does not exist for it (404, in lists and searches alike).
 */
@Service
public class Projects {

    public record Draft(String acronym, String title, String callId, Programme programme, String coordinatorOrganisationId,
                        LocalDate startDate, LocalDate endDate, String currency, List<Integer> sdgs, List<LearningCityFeature> learningCityFeatures) {
    }

    public record Summary(String id, String acronym, String title, Programme programme, ProjectStatus status,
                          String coordinatorOrganisationId, LocalDate startDate, LocalDate endDate, String currency) {
    }

    public record PartnerView(String organisationId, String name, String country, PartnerRole role) {
    }

    /**
     * What anyone may know of a project the cooperative was granted (GRANTED, RUNNING or CLOSED): what it is, when, the
     * goals it serves and its consortium; no budgets, deliverables or people.
     */
    public record PublicProject(String id, String acronym, String title, Programme programme, ProjectStatus status,
                                LocalDate startDate, LocalDate endDate, List<Integer> sdgs, List<String> learningCityFeatures,
                                List<PublicPartner> partners) {
    }

    public record PublicPartner(String name, String country, PartnerRole role) {
    }

    /** The statuses in which a project is shown to the public: an application in the making is not. */
    static final List<ProjectStatus> PUBLIC = List.of(ProjectStatus.GRANTED, ProjectStatus.RUNNING, ProjectStatus.CLOSED);

    public record BudgetLineView(String organisationId, String name, Money amount) {
    }

    public record WorkPackageView(int number, String code, String title, boolean management, String leadOrganisationId,
                                  List<BudgetLineView> budget, Money total) {
    }

    public record MilestoneView(String code, String title, int workPackage, LocalDate dueDate, LocalDate achievedOn) {
    }

    /** {@code educators} only for staff (they are people; partners see organisations). */
    public record ProjectView(String id, String acronym, String title, String callId, Programme programme, ProjectStatus status,
                              String coordinatorOrganisationId, LocalDate startDate, LocalDate endDate, String currency,
                              List<Integer> sdgs, List<String> learningCityFeatures, List<PartnerView> partners,
                              List<WorkPackageView> workPackages, List<MilestoneView> milestones, List<String> educators,
                              Money budgetTotal) {
    }

    public record Total(String key, String name, Money total) {
    }

    public record Budget(String currency, List<Total> byWorkPackage, List<Total> byPartner, Money total) {
    }

    public record BudgetLineDraft(String organisationId, Money amount) {
    }

    /** What other features need of a project: who is in it and in what state. */
    public record Membership(String id, String acronym, String title, ProjectStatus status, String coordinatorOrganisationId, String currency,
                             List<String> organisationIds, List<Integer> workPackages, List<String> learningCityFeatures) {
        public boolean includes(String organisationId) {
            return organisationIds.contains(organisationId);
        }
    }

    private static final int MAX_ATTEMPTS = 20;
    private static final Pattern MILESTONE = Pattern.compile("M\\d{1,3}");
    private static final Pattern ACRONYM = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,19}");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Directory directory;
    private final Calls calls;
    private final Clock clock;

    Projects(MongoTemplate mongo, Outbox outbox, Directory directory, Calls calls, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.directory = directory;
        this.calls = calls;
        this.clock = clock;
    }

    public Summary create(Draft draft, String by) {
        return create(UUID.randomUUID().toString(), draft, by);
    }

    /** With an id of the caller's choosing (the demo's sample projects, known to other services' demo data). */
    public Summary create(String id, Draft draft, String by) {
        var acronym = draft.acronym().strip().toUpperCase(Locale.ROOT);
        if (!ACRONYM.matcher(acronym).matches()) {
            throw ProblemException.invalidField("acronym", "must be 2 to 20 letters, digits or dashes");
        }
        if (directory.organisation(draft.coordinatorOrganisationId()).isEmpty()) {
            throw unknownOrganisation("coordinatorOrganisationId");
        }
        if (draft.callId() != null && !calls.exists(draft.callId())) {
            throw ProblemException.ruleViolated("unknown-call", "There is no funding call " + draft.callId() + ".");
        }
        if (!draft.endDate().isAfter(draft.startDate())) {
            throw ProblemException.ruleViolated("project-dates", "A project ends after it starts.");
        }
        var currency = currency(draft.currency(), "currency");
        var sdgs = draft.sdgs() == null ? List.<Integer>of() : draft.sdgs().stream().distinct().sorted().toList();
        var features = draft.learningCityFeatures() == null ? List.<String>of()
                : draft.learningCityFeatures().stream().map(Enum::name).distinct().toList();
        var creation = Project.create(id, acronym, draft.title().strip(), draft.callId(), draft.programme(), draft.coordinatorOrganisationId(),
                draft.startDate(), draft.endDate(), currency, sdgs, features, by, clock.instant());
        try {
            outbox.insert(creation.project(), creation.events());
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("acronym-taken", "A project with the acronym " + acronym + " exists already.");
        }
        return summary(creation.project());
    }

    public ProjectView transition(String projectId, ProjectStatus to, String by) {
        return view(change(projectId, p -> p.transition(to, by, clock.instant())), true);
    }

    public void addPartner(String projectId, String organisationId, PartnerRole role) {
        if (directory.organisation(organisationId).isEmpty()) {
            throw unknownOrganisation("organisationId");
        }
        change(projectId, p -> p.addPartner(organisationId, role, clock.instant()));
    }

    public WorkPackageView addWorkPackage(String projectId, int number, String title, String leadOrganisationId,
                                          List<BudgetLineDraft> budget) {
        var changed = change(projectId, p -> {
            var lines = new ArrayList<Project.BudgetLine>();
            for (var line : budget) {
                var amount = line.amount().inCurrency(p.currency);
                if (!p.currency.equals(amount.currency())) {
                    throw ProblemException.ruleViolated("budget-currency", "Budgets are in the project's currency, " + p.currency + ".");
                }
                if (amount.amount().signum() < 0) {
                    throw ProblemException.ruleViolated("budget-negative", "A budget line is not negative.");
                }
                lines.add(new Project.BudgetLine(line.organisationId(), amount.normalised().minorUnits()));
            }
            p.addWorkPackage(number, title.strip(), leadOrganisationId, lines);
            return List.of();
        });
        return workPackageView(changed, changed.workPackage(number).orElseThrow());
    }

    public MilestoneView addMilestone(String projectId, String code, String title, String workPackage, LocalDate dueDate) {
        var milestoneCode = code.strip().toUpperCase(Locale.ROOT);
        if (!MILESTONE.matcher(milestoneCode).matches()) {
            throw ProblemException.invalidField("code", "must look like M3 (M and a number)");
        }
        int number = workPackageNumber(workPackage, "workPackage");
        var changed = change(projectId, p -> {
            p.addMilestone(milestoneCode, title.strip(), number, dueDate);
            return List.of();
        });
        return milestoneView(changed, milestoneCode);
    }

    public MilestoneView milestoneReached(String projectId, String code, LocalDate on) {
        var milestoneCode = code.toUpperCase(Locale.ROOT);
        var changed = change(projectId, p -> {
            p.markMilestoneReached(milestoneCode, on);
            return List.of();
        });
        return milestoneView(changed, milestoneCode);
    }

    public void assignEducator(String projectId, String personId) {
        if (!directory.isActiveEducator(personId)) {
            throw ProblemException.ruleViolated("not-an-active-educator", "Only an ACTIVE educator member can be assigned to a project.");
        }
        change(projectId, p -> p.assignEducator(personId));
    }

    /** The project as the caller may see it: staff any, a partner organisation only one it is in (404 otherwise). */
    public ProjectView find(String projectId, Caller caller) {
        return view(visible(projectId, caller), caller.hasRole("ADMIN"));
    }

    public PageResponse<Summary> search(ProjectStatus status, Programme programme, String q, Caller caller, int page, int size) {
        var criteria = new ArrayList<Criteria>();
        if (!caller.hasRole("ADMIN")) {
            criteria.add(Criteria.where("partners.organisationId").is(caller.organisationId().orElse("-")));
        }
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (programme != null) {
            criteria.add(Criteria.where("programme").is(programme));
        }
        if (q != null && !q.isBlank()) {
            // The search text is a literal, never a pattern or an operator.
            var text = Pattern.compile(Pattern.quote(q.strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            criteria.add(new Criteria().orOperator(Criteria.where("acronym").regex(text), Criteria.where("title").regex(text)));
        }
        var query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, Project.class);
        var items = mongo.find(query.with(Sort.by("acronym")).skip((long) page * size).limit(size), Project.class).stream()
                .map(Projects::summary).toList();
        return new PageResponse<>(items, page, size, total);
    }

    public Budget budget(String projectId, Caller caller) {
        var project = visible(projectId, caller);
        var byPartner = new LinkedHashMap<String, Long>();
        project.partners.forEach(p -> byPartner.put(p.organisationId(), 0L));
        var byWorkPackage = new ArrayList<Total>();
        long total = 0;
        for (var wp : project.workPackages) {
            long wpTotal = 0;
            for (var line : wp.budget()) {
                wpTotal += line.amountMinor();
                byPartner.merge(line.organisationId(), line.amountMinor(), Long::sum);
            }
            total += wpTotal;
            byWorkPackage.add(new Total("WP" + wp.number(), wp.title(), money(wpTotal, project)));
        }
        var partners = byPartner.entrySet().stream()
                .map(e -> new Total(e.getKey(), directory.nameOf(e.getKey()), money(e.getValue(), project))).toList();
        return new Budget(project.currency, byWorkPackage, partners, money(total, project));
    }

    /** Granted projects for anyone, the newest first. */
    public PageResponse<PublicProject> published(int page, int size) {
        var query = Query.query(Criteria.where("status").in(PUBLIC));
        long total = mongo.count(query, Project.class);
        var items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "startDate")).skip((long) page * size).limit(size), Project.class)
                .stream().map(this::publicView).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** One granted project for anyone; any other is unknown (404), as if it did not exist. */
    public PublicProject published(String projectId) {
        return publicView(publicProject(projectId));
    }

    /** The same, for what is counted of it. */
    public Membership publishedMembership(String projectId) {
        return membership(publicProject(projectId));
    }

    private Project publicProject(String projectId) {
        var project = mongo.findById(projectId, Project.class);
        if (project == null || !PUBLIC.contains(project.status)) {
            throw ProblemException.notFound("project", projectId);
        }
        return project;
    }

    private PublicProject publicView(Project p) {
        var partners = p.partners.stream().map(partner -> {
            var organisation = directory.organisation(partner.organisationId());
            return new PublicPartner(organisation.map(Directory.Organisation::name).orElse(partner.organisationId()),
                    organisation.map(Directory.Organisation::country).orElse(null), partner.role());
        }).toList();
        return new PublicProject(p.id, p.acronym, p.title, p.programme, p.status, p.startDate, p.endDate, List.copyOf(p.sdgs),
                List.copyOf(p.learningCityFeatures), partners);
    }

    /** What deliverables, mobilities and indicators need to know of a project, as the caller may see it. */
    public Membership membership(String projectId, Caller caller) {
        return membership(visible(projectId, caller));
    }

    /** The same, without a caller: for jobs and consumers. */
    public Optional<Membership> membership(String projectId) {
        return Optional.ofNullable(mongo.findById(projectId, Project.class)).map(Projects::membership);
    }

    /** Projects that are granted and running: those whose deadlines matter. */
    public List<Membership> funded() {
        return mongo.find(Query.query(Criteria.where("status").in(ProjectStatus.GRANTED, ProjectStatus.RUNNING)), Project.class).stream()
                .map(Projects::membership).toList();
    }

    /** An erased person is no longer among any project's educators (no event: the erasure itself reaches every service). */
    public void forgetEducator(String personId) {
        mongo.updateMulti(Query.query(Criteria.where("educators").is(personId)),
                new org.springframework.data.mongodb.core.query.Update().pull("educators", personId).inc("version", 1), Project.class);
    }

    /** The projects an educator may link workshops to. */
    public List<Summary> assignedTo(String personId) {
        return mongo.find(Query.query(Criteria.where("educators").is(personId)).with(Sort.by("acronym")), Project.class).stream()
                .map(Projects::summary).toList();
    }

    List<Project> all() {
        return mongo.findAll(Project.class);
    }

    Project visible(String projectId, Caller caller) {
        var project = mongo.findById(projectId, Project.class);
        if (project == null || !(caller.hasRole("ADMIN") || caller.organisationId().filter(project::includes).isPresent())) {
            throw ProblemException.notFound("project", projectId);
        }
        return project;
    }

    /** Load, decide, save state and events only if nobody changed the project meanwhile; decide again otherwise. */
    private Project change(String projectId, Function<Project, List<? extends DomainEvent<?>>> decision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var project = mongo.findById(projectId, Project.class);
            if (project == null) {
                throw ProblemException.notFound("project", projectId);
            }
            var events = decision.apply(project);
            try {
                return outbox.save(project, events);
            } catch (OptimisticLockingFailureException concurrentChange) {
                // changed meanwhile: decide again
            }
        }
        throw ProblemException.conflict("busy", "The project is being changed by others; try again.");
    }

    /** "WP2", "wp2" or "2". */
    public static int workPackageNumber(String text, String field) {
        var digits = text.strip().toUpperCase(Locale.ROOT);
        digits = digits.startsWith("WP") ? digits.substring(2) : digits;
        try {
            int number = Integer.parseInt(digits);
            if (number >= 1 && number <= 99) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ProblemException.invalidField(field, "must name a work package: WP2 or 2");
    }

    static String currency(String code, String field) {
        try {
            return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField(field, "must be an ISO 4217 currency code (EUR, TRY, PLN …)");
        }
    }

    private static ProblemException unknownOrganisation(String field) {
        return ProblemException.ruleViolated("unknown-organisation", "The organisation in '" + field
                + "' is not registered (staff register partner organisations in membership first).");
    }

    private ProjectView view(Project p, boolean staff) {
        var partners = p.partners.stream().map(partner -> {
            var organisation = directory.organisation(partner.organisationId());
            return new PartnerView(partner.organisationId(), organisation.map(Directory.Organisation::name).orElse(partner.organisationId()),
                    organisation.map(Directory.Organisation::country).orElse(null), partner.role());
        }).toList();
        long total = p.workPackages.stream().flatMap(w -> w.budget().stream()).mapToLong(Project.BudgetLine::amountMinor).sum();
        return new ProjectView(p.id, p.acronym, p.title, p.callId, p.programme, p.status, p.coordinatorOrganisationId, p.startDate,
                p.endDate, p.currency, p.sdgs, p.learningCityFeatures, partners,
                p.workPackages.stream().map(w -> workPackageView(p, w)).toList(),
                p.milestones.stream().map(m -> new MilestoneView(m.code(), m.title(), m.workPackage(), m.dueDate(), m.achievedOn())).toList(),
                staff ? List.copyOf(p.educators) : null, money(total, p));
    }

    private static MilestoneView milestoneView(Project p, String code) {
        return p.milestones.stream().filter(m -> m.code().equals(code)).findFirst()
                .map(m -> new MilestoneView(m.code(), m.title(), m.workPackage(), m.dueDate(), m.achievedOn())).orElseThrow();
    }

    private WorkPackageView workPackageView(Project p, Project.WorkPackage w) {
        var lines = w.budget().stream().map(l -> new BudgetLineView(l.organisationId(), directory.nameOf(l.organisationId()),
                money(l.amountMinor(), p))).toList();
        return new WorkPackageView(w.number(), "WP" + w.number(), w.title(), w.isManagement(), w.leadOrganisationId(), lines,
                money(w.budget().stream().mapToLong(Project.BudgetLine::amountMinor).sum(), p));
    }

    static Summary summary(Project p) {
        return new Summary(p.id, p.acronym, p.title, p.programme, p.status, p.coordinatorOrganisationId, p.startDate, p.endDate, p.currency);
    }

    private static Membership membership(Project p) {
        return new Membership(p.id, p.acronym, p.title, p.status, p.coordinatorOrganisationId, p.currency,
                p.partners.stream().map(Project.Partner::organisationId).toList(),
                p.workPackages.stream().map(Project.WorkPackage::number).toList(), List.copyOf(p.learningCityFeatures));
    }

    private static Money money(long minor, Project p) {
        return Money.ofMinorUnits(minor, p.currency);
    }
}
