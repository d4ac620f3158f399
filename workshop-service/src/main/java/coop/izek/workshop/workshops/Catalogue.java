package coop.izek.workshop.workshops;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import coop.izek.events.TargetGroup;
import coop.izek.events.WorkshopCategory;
import coop.izek.events.WorkshopEvents;
import coop.izek.events.WorkshopEvents.WorkshopPublished;
import coop.izek.support.money.Money;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import coop.izek.workshop.directory.Directory;
import coop.izek.workshop.projects.FundingProjects;

/** The workshop catalogue: educators create and publish workshops, anyone searches the published ones. */
@Service
public class Catalogue {

    public static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final Set<String> LANGUAGES = Set.of("tr", "en", "pl");
    static final String CURRENCY = "TRY";

    public record Draft(Map<String, String> title, Map<String, String> description, WorkshopCategory category,
                        Set<TargetGroup> targetGroups, Integer minAge, Integer maxAge, String language, VenueDraft venue,
                        List<SessionDraft> sessions, int capacity, Money price, Money memberPrice, int solidaritySeats,
                        String projectId, List<String> learningCityFeatures) {
    }

    public record VenueDraft(String name, String district, String city, String address, boolean online) {
    }

    public record SessionDraft(OffsetDateTime start, OffsetDateTime end) {
    }

    public record SessionView(String id, OffsetDateTime start, OffsetDateTime end) {
    }

    public record WorkshopView(String id, WorkshopStatus status, String educatorPersonId, Map<String, String> title,
                               Map<String, String> description, WorkshopCategory category, Set<TargetGroup> targetGroups,
                               Integer minAge, Integer maxAge, String language, Workshop.Venue venue,
                               List<SessionView> sessions, int capacity, Money price, Money memberPrice, int solidaritySeats,
                               String projectId, List<String> learningCityFeatures, int seatsAvailable,
                               int solidaritySeatsAvailable, int waitlistLength) {
    }

    public record SearchFilter(WorkshopCategory category, TargetGroup targetGroup, Integer age, String district,
                               Instant from, Instant to, String text) {
    }

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Directory directory;
    private final WorkshopChanges changes;
    private final FundingProjects projects;
    private final Clock clock;

    Catalogue(MongoTemplate mongo, Outbox outbox, Directory directory, WorkshopChanges changes, FundingProjects projects, Clock clock) {
        this.mongo = mongo;
        this.projects = projects;
        this.outbox = outbox;
        this.directory = directory;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * A new DRAFT; only ACTIVE educator members create workshops, and link one to a project only if the project funds
     * the cooperative's workshops and assigned them (or they are staff).
     */
    public WorkshopView create(String educatorPersonId, boolean staff, Draft draft) {
        return create(UUID.randomUUID().toString(), educatorPersonId, staff, draft);
    }

    /** With an id of the caller's choosing (the demo's): a workshop with this id already is left as it is. */
    WorkshopView create(String id, String educatorPersonId, boolean staff, Draft draft) {
        if (directory.member(educatorPersonId).filter(Directory.Member::isActiveEducator).isEmpty()) {
            throw ProblemException.forbidden("Only ACTIVE educator members create workshops.");
        }
        check(draft);
        if (draft.projectId() != null) {
            projects.requireLinkable(draft.projectId(), educatorPersonId, staff);
        }
        var workshop = new Workshop();
        workshop.id = id;
        workshop.status = WorkshopStatus.DRAFT;
        workshop.educatorPersonId = educatorPersonId;
        describe(workshop, draft);
        workshop.createdAt = clock.instant();
        try {
            mongo.insert(workshop);
        } catch (org.springframework.dao.DuplicateKeyException exists) {
            return view(mongo.findById(id, Workshop.class));
        }
        return view(workshop);
    }

    /**
     * A DRAFT described again, by its educator or staff (nobody can have enrolled yet): everything the draft was made
     * with is replaced, seats included. A published workshop is changed by cancelling it (409).
     */
    public WorkshopView update(String workshopId, String callerId, boolean staff, Draft draft) {
        var workshop = visible(workshopId, callerId, staff);
        changes.requireOwner(workshop, callerId, staff);
        if (workshop.status != WorkshopStatus.DRAFT) {
            throw notADraft(workshop);
        }
        check(draft);
        if (draft.projectId() != null) {
            projects.requireLinkable(draft.projectId(), workshop.educatorPersonId, staff);
        }
        var described = new Workshop();
        describe(described, draft);
        var written = new org.bson.Document();
        mongo.getConverter().write(described, written);
        // Only what describe() sets; what is not there now (an age limit, a project) is taken away.
        var update = new Update().inc("version", 1);
        for (var field : DESCRIBED) {
            if (written.containsKey(field)) {
                update.set(field, written.get(field));
            } else {
                update.unset(field);
            }
        }
        var saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(workshopId).and("status").is(WorkshopStatus.DRAFT)), update,
                FindAndModifyOptions.options().returnNew(true), Workshop.class);
        if (saved == null) {
            throw notADraft(mongo.findById(workshopId, Workshop.class));
        }
        return view(saved);
    }

    private static ProblemException notADraft(Workshop workshop) {
        return ProblemException.conflict("not-a-draft", "Only a DRAFT workshop can be edited; this one is "
                + (workshop == null ? "gone" : workshop.status) + ".");
    }

    /** The fields {@link #describe} sets. */
    private static final List<String> DESCRIBED = List.of("title", "description", "category", "targetGroups", "minAge", "maxAge",
            "language", "venue", "district", "sessions", "firstStart", "capacity", "solidaritySeats", "currency", "priceMinor",
            "memberPriceMinor", "projectId", "learningCityFeatures", "seatsLeft", "solidarityLeft");

    /** What a draft says of the workshop: its texts, when and where, its seats and prices. */
    private void describe(Workshop workshop, Draft draft) {
        workshop.title = Map.copyOf(draft.title());
        workshop.description = draft.description() == null ? Map.of() : Map.copyOf(draft.description());
        workshop.category = draft.category();
        workshop.targetGroups = Set.copyOf(draft.targetGroups());
        workshop.minAge = draft.minAge();
        workshop.maxAge = draft.maxAge();
        workshop.language = draft.language();
        var v = draft.venue();
        workshop.venue = new Workshop.Venue(v.name().strip(), v.district() == null ? null : v.district().strip(), v.city().strip(),
                v.address(), v.online());
        workshop.district = workshop.venue.district() == null ? null : workshop.venue.district().toLowerCase(java.util.Locale.ROOT);
        workshop.sessions = draft.sessions().stream().sorted(Comparator.comparing(SessionDraft::start))
                .map(s -> new Workshop.Session(UUID.randomUUID().toString(), s.start().toInstant(), s.end().toInstant())).toList();
        workshop.firstStart = workshop.sessions.getFirst().start();
        workshop.capacity = draft.capacity();
        workshop.solidaritySeats = draft.solidaritySeats();
        workshop.currency = CURRENCY;
        workshop.priceMinor = draft.price().inCurrency(CURRENCY).normalised().minorUnits();
        workshop.memberPriceMinor = draft.memberPrice().inCurrency(CURRENCY).normalised().minorUnits();
        workshop.projectId = draft.projectId();
        workshop.learningCityFeatures = draft.learningCityFeatures() == null ? List.of() : List.copyOf(draft.learningCityFeatures());
        workshop.seatsLeft = draft.capacity() - draft.solidaritySeats();
        workshop.solidarityLeft = draft.solidaritySeats();
    }

    /** DRAFT to PUBLISHED, by its educator or staff; announced to the platform. */
    public WorkshopView publish(String workshopId, String callerId, boolean staff) {
        var workshop = visible(workshopId, callerId, staff);
        changes.requireOwner(workshop, callerId, staff);
        if (workshop.firstStart.isBefore(clock.instant())) {
            throw ProblemException.ruleViolated("workshop-in-past", "A workshop whose first session has begun cannot be published.");
        }
        var event = WorkshopEvents.WORKSHOP_PUBLISHED.of(workshop.id, new WorkshopPublished(workshop.id, workshop.educatorPersonId,
                firstTitle(workshop.title), workshop.category, workshop.targetGroups.stream().map(Enum::name).sorted().toList(),
                workshop.venue.district(), workshop.sessions.stream().map(s -> new WorkshopEvents.Session(s.id(),
                        s.start().atZone(ISTANBUL).toOffsetDateTime(), s.end().atZone(ISTANBUL).toOffsetDateTime())).toList(),
                workshop.capacity, workshop.solidaritySeats, workshop.projectId, workshop.learningCityFeatures, workshop.venue.city()));
        var published = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(workshopId).and("status").is(WorkshopStatus.DRAFT)),
                new Update().set("status", WorkshopStatus.PUBLISHED).set("publishedAt", clock.instant()).inc("version", 1)
                        .push(OutboxEvent.FIELD, outbox.toOutboxEvent(event)),
                FindAndModifyOptions.options().returnNew(true), Workshop.class);
        if (published == null) {
            throw ProblemException.conflict("not-a-draft", "Only a DRAFT workshop can be published; this one is " + workshop.status + ".");
        }
        outbox.afterWrite(Workshop.class, workshopId);
        return view(published);
    }

    /** Calls the workshop off, by its educator or staff: every enrolment is cancelled and everyone is told. */
    public WorkshopView cancel(String workshopId, String callerId, boolean staff, String reason) {
        return view(changes.change(workshopId, workshop -> {
            changes.requireOwner(workshop, callerId, staff);
            return workshop.cancel(callerId, reason == null || reason.isBlank() ? null : reason.strip(), clock.instant());
        }));
    }

    /**
     * Workshops that are not over and whose educator is no longer an ACTIVE educator member, soonest first, for staff
     * to hand to another educator or to cancel.
     */
    public PageResponse<WorkshopView> needingAnEducator(int page, int size) {
        var query = Query.query(Criteria.where("educatorPersonId").in(directory.inactiveEducators())
                .and("status").in(WorkshopStatus.DRAFT, WorkshopStatus.PUBLISHED, WorkshopStatus.RUNNING));
        long total = mongo.count(query, Workshop.class);
        var items = mongo.find(withoutEnrolments(query).with(Sort.by("firstStart", "_id")).skip((long) page * size).limit(size), Workshop.class)
                .stream().map(Catalogue::view).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** Staff hand a workshop that is not over to another ACTIVE educator member, who then runs it (and is paid for it). */
    public WorkshopView assignEducator(String workshopId, String educatorPersonId) {
        if (directory.member(educatorPersonId).filter(Directory.Member::isActiveEducator).isEmpty()) {
            throw ProblemException.ruleViolated("not-an-active-educator", "Only an ACTIVE educator member can run a workshop.");
        }
        return view(changes.change(workshopId, workshop -> {
            if (workshop.status == WorkshopStatus.COMPLETED || workshop.status == WorkshopStatus.CANCELLED) {
                throw ProblemException.conflict("workshop-closed", "This workshop is " + workshop.status + " already.");
            }
            workshop.educatorPersonId = educatorPersonId;
            return List.of();
        }));
    }

    /**
     * Published workshops whose first session has begun are RUNNING: they take no more enrolments. Each is a
     * conditional update, so several instances doing this at once change each workshop once. The search is a read
     * and each change names its workshop: as one multi-document update, the embedded store read every workshop (every
     * enrolment included) holding the write lock for the whole platform, every minute, and for seconds on a full store.
     */
    @Scheduled(fixedDelayString = "${izek.workshop.start-check:PT1M}")
    void markStartedWorkshopsRunning() {
        var started = Criteria.where("status").is(WorkshopStatus.PUBLISHED).and("firstStart").lte(clock.instant());
        var search = Query.query(started);
        search.fields().include("_id");
        var running = new Update().set("status", WorkshopStatus.RUNNING).inc("version", 1);
        for (var workshop : mongo.find(search, org.bson.Document.class, mongo.getCollectionName(Workshop.class))) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(workshop.get("_id"))).addCriteria(started), running, Workshop.class);
        }
    }

    /** The workshops an educator runs, drafts included, latest first: what their own pages list. */
    public PageResponse<WorkshopView> runBy(String educatorPersonId, int page, int size) {
        var query = Query.query(Criteria.where("educatorPersonId").is(educatorPersonId));
        long total = mongo.count(query, Workshop.class);
        var items = mongo.find(withoutEnrolments(query).with(Sort.by(Sort.Direction.DESC, "firstStart").and(Sort.by("_id"))).skip((long) page * size)
                .limit(size), Workshop.class).stream().map(Catalogue::view).toList();
        return new PageResponse<>(items, page, size, total);
    }

    /** A workshop as the caller may see it: drafts exist only for their educator and staff. */
    public WorkshopView find(String workshopId, String callerId, boolean staff) {
        return view(visibleWithoutEnrolments(workshopId, callerId, staff));
    }

    public PageResponse<WorkshopView> search(SearchFilter filter, int page, int size) {
        var criteria = new ArrayList<Criteria>();
        criteria.add(Criteria.where("status").is(WorkshopStatus.PUBLISHED));
        if (filter.category() != null) {
            criteria.add(Criteria.where("category").is(filter.category()));
        }
        if (filter.targetGroup() != null) {
            criteria.add(Criteria.where("targetGroups").is(filter.targetGroup()));
        }
        if (filter.age() != null) {
            criteria.add(new Criteria().orOperator(Criteria.where("minAge").is(null), Criteria.where("minAge").lte(filter.age())));
            criteria.add(new Criteria().orOperator(Criteria.where("maxAge").is(null), Criteria.where("maxAge").gte(filter.age())));
        }
        if (filter.district() != null && !filter.district().isBlank()) {
            criteria.add(Criteria.where("district").is(filter.district().strip().toLowerCase(java.util.Locale.ROOT)));
        }
        if (filter.from() != null) {
            criteria.add(Criteria.where("firstStart").gte(filter.from()));
        }
        if (filter.to() != null) {
            criteria.add(Criteria.where("firstStart").lte(filter.to()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            var words = Pattern.compile(Pattern.quote(filter.text().strip()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            criteria.add(new Criteria().orOperator(LANGUAGES.stream()
                    .flatMap(l -> java.util.stream.Stream.of(Criteria.where("title." + l).regex(words), Criteria.where("description." + l).regex(words)))
                    .toArray(Criteria[]::new)));
        }
        var query = Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, Workshop.class);
        var items = mongo.find(withoutEnrolments(query).with(Sort.by("firstStart", "_id")).skip((long) page * size).limit(size), Workshop.class)
                .stream().map(Catalogue::view).toList();
        return new PageResponse<>(items, page, size, total);
    }

    Workshop visible(String workshopId, String callerId, boolean staff) {
        return visible(mongo.findById(workshopId, Workshop.class), workshopId, callerId, staff);
    }

    /**
     * The workshop without its enrolments, attendance, certificates and outbox: what deciding on a new enrolment
     * needs, read at a cost that does not grow with the waiting list.
     */
    Workshop visibleWithoutEnrolments(String workshopId, String callerId, boolean staff) {
        return visible(mongo.findOne(withoutEnrolments(Query.query(Criteria.where("_id").is(workshopId))), Workshop.class), workshopId,
                callerId, staff);
    }

    /** What a view of a workshop (a page, a listing) reads: everything but the parts that grow with its enrolments. */
    static Query withoutEnrolments(Query query) {
        query.fields().exclude("enrolments", "participantKeys", "attendance", "certificates", OutboxEvent.FIELD);
        return query;
    }

    private static Workshop visible(Workshop workshop, String workshopId, String callerId, boolean staff) {
        if (workshop == null || (workshop.status == WorkshopStatus.DRAFT && !staff && !workshop.educatorPersonId.equals(callerId))) {
            throw ProblemException.notFound("workshop", workshopId);
        }
        return workshop;
    }

    private void check(Draft draft) {
        var titles = draft.title().entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank()).toList();
        if (titles.isEmpty() || !LANGUAGES.containsAll(draft.title().keySet())
                || (draft.description() != null && !LANGUAGES.containsAll(draft.description().keySet()))) {
            throw ProblemException.ruleViolated("title-languages", "A title in at least one of tr, en, pl (and only those languages) is needed.");
        }
        if (draft.minAge() != null && draft.maxAge() != null && draft.minAge() > draft.maxAge()) {
            throw ProblemException.ruleViolated("age-range", "minAge cannot be above maxAge.");
        }
        if (draft.solidaritySeats() > draft.capacity()) {
            throw ProblemException.ruleViolated("solidarity-seats", "Solidarity seats are part of the capacity and cannot exceed it.");
        }
        for (var session : draft.sessions()) {
            if (!session.end().isAfter(session.start())) {
                throw ProblemException.ruleViolated("session-times", "Every session ends after it starts.");
            }
        }
        if (!draft.venue().online() && (draft.venue().district() == null || draft.venue().district().isBlank())) {
            throw ProblemException.ruleViolated("venue-district", "A workshop in a place names its district.");
        }
        // A project's workshop has prices too: they apply whenever the project does not (yet, or any more) pay.
        if (draft.price() == null || draft.memberPrice() == null) {
            throw ProblemException.ruleViolated("prices-required", "A workshop has a price and a member price.");
        }
        var price = draft.price().inCurrency(CURRENCY);
        var memberPrice = draft.memberPrice().inCurrency(CURRENCY);
        if (!CURRENCY.equals(price.currency()) || !CURRENCY.equals(memberPrice.currency())) {
            throw ProblemException.ruleViolated("currency", "Workshop prices are in TRY.");
        }
        if (price.amount().signum() < 0 || memberPrice.amount().compareTo(price.amount()) > 0
                || price.amount().scale() > 2 || memberPrice.amount().scale() > 2) {
            throw ProblemException.ruleViolated("prices", "Prices are not negative, in kuruş at most, and the member price is not above the full price.");
        }
    }

    static WorkshopView view(Workshop w) {
        return new WorkshopView(w.id, w.status, w.educatorPersonId, w.title, w.description, w.category, w.targetGroups,
                w.minAge, w.maxAge, w.language, w.venue,
                w.sessions.stream().map(s -> new SessionView(s.id(), s.start().atZone(ISTANBUL).toOffsetDateTime(),
                        s.end().atZone(ISTANBUL).toOffsetDateTime())).toList(),
                w.capacity, Money.ofMinorUnits(w.priceMinor, w.currency), Money.ofMinorUnits(w.memberPriceMinor, w.currency),
                w.solidaritySeats, w.projectId, w.learningCityFeatures, w.seatsLeft, w.solidarityLeft, w.waitlistLength);
    }

    static String firstTitle(Map<String, String> title) {
        for (var language : List.of("tr", "en", "pl")) {
            if (title.get(language) != null && !title.get(language).isBlank()) {
                return title.get(language);
            }
        }
        return "";
    }
}
