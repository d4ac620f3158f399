package coop.izek.workshop.workshops;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import coop.izek.events.TargetGroup;
import coop.izek.events.DomainEvent;
import coop.izek.events.WorkshopEvents;
import coop.izek.events.WorkshopEvents.EnrolmentConfirmed;
import coop.izek.events.WorkshopEvents.EnrolmentWaitlisted;
import coop.izek.support.money.Money;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;
import coop.izek.workshop.directory.Directory;
import coop.izek.workshop.projects.FundingProjects;

/**
 * Enrolling a group (the enrolling person and/or their dependants) in a workshop: all places or none. Seats are
 * taken by one conditional update on the workshop (enough seats left, none of the participants enrolled already)
 * that also records the enrolment and its event, so capacity holds however many requests race for the last seat.
 * A full workshop puts the group on the waiting list, in arrival order.
 */
@Service
public class Enrolments {

    /** A participant as the request names them: {@code self: true} or a {@code dependantId}. */
    public record ParticipantRequest(Boolean self, String dependantId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String id, Enrolment.Status status, Money price, Integer waitlistPosition) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MyEnrolment(String id, String workshopId, String workshopTitle, Enrolment.Status status,
                              Enrolment.SeatType seatType, List<Enrolment.Participant> participants, Money price,
                              Integer waitlistPosition) {
    }

    /** A solidarity request as staff review it. */
    public record SolidarityRequest(String workshopId, String workshopTitle, String enrolmentId, String enrolleeId,
                                    String enrolleeName, List<NamedParticipant> participants, String reason,
                                    java.time.Instant requestedAt, int solidaritySeatsLeft) {
    }

    public record NamedParticipant(String participantId, boolean self, String name, TargetGroup targetGroup) {
    }

    static final int CHILDHOOD_ENDS = 15;
    static final int ADULTHOOD = 18;
    /** Seat, then waiting list, decided again this often when places change between the two writes. */
    private static final int DECISION_ROUNDS = 8;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Directory directory;
    private final Catalogue catalogue;
    private final WorkshopChanges changes;
    private final FundingProjects projects;
    private final WaitingLists waitingLists;
    private final Clock clock;

    Enrolments(MongoTemplate mongo, Outbox outbox, Directory directory, Catalogue catalogue, WorkshopChanges changes,
               FundingProjects projects, Clock clock) {
        this.mongo = mongo;
        this.projects = projects;
        this.outbox = outbox;
        this.directory = directory;
        this.catalogue = catalogue;
        this.changes = changes;
        this.waitingLists = new WaitingLists(mongo);
        this.clock = clock;
    }

    /**
     * @param requestKey the {@code Idempotency-Key} the request runs under, or null: the enrolment's id is derived from
     *                   it, so a request run again (its first run's instance died before its answer was kept) finds the
     *                   enrolment its first run recorded and answers with it, instead of "already enrolled"
     */
    public Result enrol(String workshopId, String enrolleeId, List<ParticipantRequest> requested, Enrolment.SeatType seatType,
                        String solidarityReason, String requestKey) {
        var workshop = catalogue.visibleWithoutEnrolments(workshopId, enrolleeId, false);
        if (workshop.status != WorkshopStatus.PUBLISHED) {
            throw ProblemException.conflict("workshop-not-open", "This workshop is " + workshop.status + " and takes no enrolments.");
        }
        if (!workshop.firstStart.isAfter(clock.instant())) {
            throw ProblemException.conflict("workshop-not-open", "This workshop has begun and takes no more enrolments.");
        }
        var participants = resolve(workshop, enrolleeId, requested);
        var keys = participants.stream().map(Enrolment.Participant::key).toList();
        if (seatType == Enrolment.SeatType.SOLIDARITY && (solidarityReason == null || solidarityReason.isBlank())) {
            throw ProblemException.ruleViolated("solidarity-reason-required", "A solidarity seat request says briefly why it is needed.");
        }
        // A project pays for places only while it is granted or running; before and after, the workshop's price applies.
        long priceMinor = seatType == Enrolment.SeatType.SOLIDARITY || (workshop.isProjectFunded() && projects.funds(workshop.projectId)) ? 0
                : unitPrice(workshop, enrolleeId) * participants.size();
        var enrolmentId = requestKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("enrolment:" + requestKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        if (seatType == Enrolment.SeatType.SOLIDARITY) {
            var enrolment = new Enrolment(enrolmentId, enrolleeId, participants, keys, seatType, Enrolment.Status.PENDING_REVIEW,
                    0, clock.instant(), solidarityReason.strip());
            if (tryRecord(workshopId, open(workshopId, keys), enrolment, null, new Update()) == null) {
                var earlier = recordedBefore(workshopId, enrolmentId, requestKey);
                if (earlier != null) {
                    return earlier;
                }
                refuseIfClosedOrEnrolled(workshopId, keys);
                throw ProblemException.conflict("already-enrolled", "A participant of this group holds a place in this workshop already.");
            }
            return new Result(enrolmentId, Enrolment.Status.PENDING_REVIEW, money(0, workshop), null);
        }

        var confirmed = new Enrolment(enrolmentId, enrolleeId, participants, keys, seatType, Enrolment.Status.CONFIRMED,
                priceMinor, clock.instant(), null);
        var confirmation = WorkshopEvents.ENROLMENT_CONFIRMED.of(workshopId, new EnrolmentConfirmed(workshopId, enrolmentId,
                enrolleeId, confirmed.eventParticipants(), seatType.name(), BigDecimal.valueOf(priceMinor, 2).toPlainString(),
                workshop.currency));
        var waiting = new Enrolment(enrolmentId, enrolleeId, participants, keys, seatType, Enrolment.Status.WAITLISTED,
                priceMinor, clock.instant(), null);
        var waitlisting = WorkshopEvents.ENROLMENT_WAITLISTED.of(workshopId, new EnrolmentWaitlisted(workshopId, enrolmentId,
                enrolleeId, waiting.eventParticipants()));
        int places = participants.size();
        // In a rush most attempts find the workshop full, as the read above already shows: they go straight to the
        // waiting list, saving a write bound to fail. Each write holds only while its premise does (places left,
        // or still full), so a place freed meanwhile is taken, never waited for behind an empty waiting list.
        boolean full = workshop.seatsLeft < places;
        for (int round = 0; round < DECISION_ROUNDS; round++) {
            if (!full && tryRecord(workshopId, open(workshopId, keys).and("seatsLeft").gte(places), confirmed, confirmation,
                    new Update().inc("seatsLeft", -places)) != null) {
                return new Result(enrolmentId, Enrolment.Status.CONFIRMED, money(priceMinor, workshop), null);
            }
            // Appended last in the same write that counted it: its place is the length of the waiting list then.
            var after = tryRecord(workshopId, open(workshopId, keys).and("seatsLeft").lt(places), waiting, waitlisting,
                    new Update().inc("waitlistLength", 1));
            if (after != null) {
                return new Result(enrolmentId, Enrolment.Status.WAITLISTED, money(priceMinor, workshop), after.waitlistLength());
            }
            var earlier = recordedBefore(workshopId, enrolmentId, requestKey);
            if (earlier != null) {
                return earlier;
            }
            refuseIfClosedOrEnrolled(workshopId, keys);
            full = false;
        }
        throw ProblemException.conflict("workshop-busy", "Places in this workshop changed hands too fast to decide; try again.");
    }

    /**
     * The enrollee (or staff) cancels; freed places go to the waiting list in the same write. Concurrent changes to
     * the workshop make it decide again on fresh state, so each freed place is given exactly once.
     */
    public void cancel(String workshopId, String enrolmentId, String callerId, boolean staff) {
        changes.change(workshopId, workshop -> {
            int index = workshop.indexOf(enrolmentId);
            boolean enrollee = index >= 0 && workshop.enrolments.get(index).enrolleeId().equals(callerId);
            if (index < 0 || !(enrollee || staff)) {
                throw ProblemException.notFound("enrolment", enrolmentId);
            }
            return workshop.cancelEnrolment(enrolmentId, callerId, enrollee ? "ENROLLEE" : "STAFF");
        });
    }

    /** Staff approve (within the solidarity quota) or decline a solidarity seat request. */
    public String decideSolidarityRequest(String workshopId, String enrolmentId, boolean approve, String staffId) {
        var workshop = changes.change(workshopId, w -> {
            if (w.indexOf(enrolmentId) < 0) {
                throw ProblemException.notFound("enrolment", enrolmentId);
            }
            return w.decideSolidarityRequest(enrolmentId, approve, staffId);
        });
        return workshop.enrolments.get(workshop.indexOf(enrolmentId)).status().name();
    }

    /** Solidarity seat requests waiting for staff, oldest first, with their reasons (this is the only place they show). */
    public PageResponse<SolidarityRequest> pendingSolidarityRequests(int page, int size) {
        var all = new ArrayList<SolidarityRequest>();
        var open = new Document("status", new Document("$in", List.of(WorkshopStatus.PUBLISHED.name(), WorkshopStatus.RUNNING.name())));
        for (var workshop : holding(open, "status", Enrolment.Status.PENDING_REVIEW.name())) {
            for (var e : workshop.enrolments) {
                all.add(new SolidarityRequest(workshop.id, Catalogue.firstTitle(workshop.title), e.id(), e.enrolleeId(),
                        directory.fullName(e.enrolleeId()).orElse(null),
                        e.participants().stream().map(p -> new NamedParticipant(p.id(), p.personId() != null, name(p),
                                p.targetGroup())).toList(),
                        e.solidarityReason(), e.createdAt(), workshop.solidarityLeft));
            }
        }
        all.sort(java.util.Comparator.comparing(SolidarityRequest::requestedAt));
        return page(all, page, size);
    }

    /** A participant's name as the directory knows it, or null once erased. */
    String name(Enrolment.Participant participant) {
        return participant.personId() != null ? directory.fullName(participant.personId()).orElse(null)
                : directory.dependant(participant.dependantId()).map(Directory.Dependant::fullName).orElse(null);
    }

    public PageResponse<MyEnrolment> mine(String enrolleeId, int page, int size) {
        var all = new ArrayList<MyEnrolment>();
        for (var workshop : holding(new Document(), "enrolleeId", enrolleeId)) {
            for (var e : workshop.enrolments) {
                all.add(new MyEnrolment(e.id(), workshop.id, Catalogue.firstTitle(workshop.title), e.status(), e.seatType(),
                        e.participants(), money(e.priceMinor(), workshop),
                        e.status() == Enrolment.Status.WAITLISTED ? waitingLists.position(workshop, e.id()) : null));
            }
        }
        return page(all, page, size);
    }

    /**
     * Each workshop ({@code condition} says which may count) holding enrolments whose {@code field} is {@code value},
     * with only those enrolments, in the order they were made. A listing would otherwise read every enrolment of every
     * workshop it shows, a rush workshop's whole waiting list among them, for a handful of its own (issue 15). The
     * store hands over one such enrolment of each workshop a round ({@code $elemMatch} in the projection), the first
     * it has not handed over before; a person holds one enrolment in most workshops, so a listing takes two rounds.
     * The workshops are found by the field itself, not by {@code $elemMatch}: the embedded store matches that many
     * times slower.
     */
    private Collection<Workshop> holding(Document condition, String field, String value) {
        var found = new LinkedHashMap<String, Workshop>();
        var seen = new ArrayList<String>();
        var workshops = mongo.getCollection(mongo.getCollectionName(Workshop.class));
        var query = new Document(condition).append("enrolments." + field, value);
        while (true) {
            // Spring Data stores an embedded record's id as _id.
            var unseen = new Document("$elemMatch", new Document(field, value).append("_id", new Document("$nin", List.copyOf(seen))));
            var fields = new Document("title", 1).append("currency", 1).append("solidarityLeft", 1).append("version", 1)
                    .append("enrolments", unseen);
            int before = seen.size();
            for (var document : workshops.find(query).projection(fields)) {
                var workshop = mongo.getConverter().read(Workshop.class, document);
                if (workshop.enrolments.isEmpty()) {
                    continue;
                }
                var enrolment = workshop.enrolments.getFirst();
                seen.add(enrolment.id());
                found.merge(workshop.id, workshop, (had, again) -> {
                    had.enrolments.add(enrolment);
                    return had;
                });
            }
            if (seen.size() == before) {
                return found.values();
            }
        }
    }

    private static <T> PageResponse<T> page(List<T> all, int page, int size) {
        var from = (int) Math.min(all.size(), (long) page * size);
        return new PageResponse<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
    }

    /** An open workshop none of these participants is enrolled in: the premise of every enrolment write. */
    private static Criteria open(String workshopId, List<String> participantKeys) {
        return Criteria.where("_id").is(workshopId).and("status").is(WorkshopStatus.PUBLISHED).and("participantKeys").nin(participantKeys);
    }

    /** The enrolment an earlier run of the same request recorded, as it stands now; null without a key or if none. */
    private Result recordedBefore(String workshopId, String enrolmentId, String requestKey) {
        if (requestKey == null) {
            return null;
        }
        var workshop = mongo.findOne(Query.query(Criteria.where("_id").is(workshopId).and("enrolments.id").is(enrolmentId)), Workshop.class);
        if (workshop == null) {
            return null;
        }
        var enrolment = workshop.enrolments.get(workshop.indexOf(enrolmentId));
        return new Result(enrolmentId, enrolment.status(), money(enrolment.priceMinor(), workshop),
                enrolment.status() == Enrolment.Status.WAITLISTED ? positionOf(workshop, enrolmentId) : null);
    }

    /** Why an enrolment write found its premise false, unless it was only the places (then it is decided again). */
    private void refuseIfClosedOrEnrolled(String workshopId, List<String> participantKeys) {
        var query = Query.query(Criteria.where("_id").is(workshopId));
        query.fields().include("status", "participantKeys");
        var now = mongo.findOne(query, Workshop.class);
        if (now != null && now.status != WorkshopStatus.PUBLISHED) {
            throw ProblemException.conflict("workshop-not-open", "This workshop is " + now.status + " and takes no enrolments.");
        }
        if (now == null || participantKeys.stream().anyMatch(now.participantKeys::contains)) {
            throw ProblemException.conflict("already-enrolled", "A participant of this group holds a place in this workshop already.");
        }
    }

    /** A workshop's waiting-list length just after an enrolment was recorded in it. */
    record Seats(int waitlistLength) {
    }

    /**
     * One write: the counters, the enrolment, its participants' keys and (if any) its event; null when the condition
     * fails. Only the waiting list's length comes back: the enrolments would cost more to return the longer the waiting list.
     */
    private Seats tryRecord(String workshopId, Criteria condition, Enrolment enrolment, DomainEvent<?> event, Update update) {
        update.push("enrolments", enrolment).push("participantKeys").each(enrolment.participantKeys().toArray()).inc("version", 1);
        if (event != null) {
            update.push(OutboxEvent.FIELD, outbox.toOutboxEvent(event));
        }
        var query = Query.query(condition);
        query.fields().include("waitlistLength");
        var after = mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), Workshop.class);
        if (after != null && event != null) {
            outbox.afterWrite(Workshop.class, workshopId);
        }
        return after == null ? null : new Seats(after.waitlistLength);
    }

    private List<Enrolment.Participant> resolve(Workshop workshop, String enrolleeId, List<ParticipantRequest> requested) {
        var participants = new ArrayList<Enrolment.Participant>();
        var seen = new HashSet<String>();
        for (var request : requested) {
            boolean self = Boolean.TRUE.equals(request.self());
            if (self == (request.dependantId() != null)) {
                throw ProblemException.ruleViolated("participant", "Each participant is either {\"self\": true} or {\"dependantId\": ...}.");
            }
            if (!seen.add(self ? "self" : request.dependantId())) {
                throw ProblemException.ruleViolated("participant-twice", "A participant is named twice.");
            }
            if (self) {
                checkAdult(workshop);
                participants.add(new Enrolment.Participant(enrolleeId, null, null));
            } else {
                var child = directory.dependant(request.dependantId()).filter(d -> d.guardianId().equals(enrolleeId))
                        .orElseThrow(() -> ProblemException.ruleViolated("unknown-dependant",
                                "Dependant " + request.dependantId() + " is not one of yours."));
                participants.add(new Enrolment.Participant(null, request.dependantId(), checkChild(workshop, child)));
            }
        }
        // An adult counts as a parent when they come with their children and the workshop is for parents.
        boolean withChildren = participants.stream().anyMatch(p -> p.dependantId() != null);
        var adultGroup = withChildren && workshop.targetGroups.contains(TargetGroup.PARENTS) ? TargetGroup.PARENTS
                : java.util.stream.Stream.of(TargetGroup.ADULTS, TargetGroup.PARENTS, TargetGroup.EDUCATORS, TargetGroup.YOUTH)
                        .filter(workshop.targetGroups::contains).findFirst().orElse(TargetGroup.ADULTS);
        return participants.stream().map(p -> p.personId() == null ? p : new Enrolment.Participant(p.personId(), null, adultGroup))
                .toList();
    }

    /**
     * The enrolling person is an adult (accounts are for adults; children are dependants). The age range is about the
     * young participants: an adult may join when the workshop is for parents, adults or educators, or for youth
     * without an upper age below adulthood.
     */
    private static void checkAdult(Workshop workshop) {
        var groups = workshop.targetGroups;
        boolean forAdults = groups.contains(TargetGroup.ADULTS) || groups.contains(TargetGroup.PARENTS)
                || groups.contains(TargetGroup.EDUCATORS)
                || (groups.contains(TargetGroup.YOUTH) && (workshop.maxAge == null || workshop.maxAge >= ADULTHOOD));
        if (!forAdults) {
            throw ProblemException.ruleViolated("target-group", "This workshop is for " + groups + ageRange(workshop)
                    + "; adults cannot take a place.");
        }
    }

    /** Returns the target group the child counts in. */
    private static TargetGroup checkChild(Workshop workshop, Directory.Dependant child) {
        if (child.birthDate() == null) {
            throw ProblemException.ruleViolated("unknown-dependant", "This dependant's data was erased.");
        }
        var firstDay = LocalDate.ofInstant(workshop.firstStart, Catalogue.ISTANBUL);
        int age = Period.between(child.birthDate(), firstDay).getYears();
        var group = age < CHILDHOOD_ENDS ? TargetGroup.CHILDREN : TargetGroup.YOUTH;
        if (!workshop.targetGroups.contains(group) || (workshop.minAge != null && age < workshop.minAge)
                || (workshop.maxAge != null && age > workshop.maxAge)) {
            throw ProblemException.ruleViolated("age-or-target-group", child.fullName() + " will be " + age
                    + " and this workshop is for " + workshop.targetGroups + ageRange(workshop) + ".");
        }
        return group;
    }

    private static String ageRange(Workshop workshop) {
        if (workshop.minAge == null && workshop.maxAge == null) {
            return "";
        }
        return ", ages " + (workshop.minAge == null ? "" : workshop.minAge) + "–" + (workshop.maxAge == null ? "" : workshop.maxAge);
    }

    /** Members pay the member price (ACTIVE members, as membership-service reported them). */
    private long unitPrice(Workshop workshop, String enrolleeId) {
        return directory.member(enrolleeId).filter(Directory.Member::isActive).isPresent() ? workshop.memberPriceMinor : workshop.priceMinor;
    }

    private static Integer positionOf(Workshop workshop, String enrolmentId) {
        var waiting = workshop.waitingList();
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).id().equals(enrolmentId)) {
                return i + 1;
            }
        }
        return null;
    }

    private static Money money(long minor, Workshop workshop) {
        return Money.ofMinorUnits(minor, workshop.currency);
    }
}
