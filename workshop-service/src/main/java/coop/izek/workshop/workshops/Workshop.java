package coop.izek.workshop.workshops;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.TargetGroup;
import coop.izek.events.DomainEvent;
import coop.izek.events.WorkshopCategory;
import coop.izek.events.WorkshopEvents;
import coop.izek.support.outbox.OutboxAggregate;
import coop.izek.support.web.ProblemException;

/**
 * A workshop: what it is, when and where, its seats, the enrolments in it, attendance and certificates. Seats are
 * counted down in {@code seatsLeft} (standard) and {@code solidarityLeft} with conditional updates, never
 * read-then-written; every other change is decided here on a loaded workshop and saved only if nobody changed it
 * meanwhile ({@code version}).
 */
@Document("workshops")
@CompoundIndexes({
        @CompoundIndex(name = "search", def = "{'status': 1, 'category': 1, 'firstStart': 1}"),
        @CompoundIndex(name = "lifecycle", def = "{'status': 1, 'firstStart': 1}"),
        @CompoundIndex(name = "enrollee", def = "{'enrolments.enrolleeId': 1}"),
        @CompoundIndex(name = "certificate", def = "{'certificates.code': 1}"),
        @CompoundIndex(name = "settlement", def = "{'settlement.month': 1, 'educatorPersonId': 1}")
})
class Workshop extends OutboxAggregate {

    record Venue(String name, String district, String city, String address, boolean online) {
    }

    record Session(String id, Instant start, Instant end) {
        long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    /** Issued on completion; {@code holderInitials} is all a public verification shows of the holder. */
    record Certificate(String code, String participantId, String enrolmentId, String holderInitials, long minutes,
                       LocalDate issuedOn) {
    }

    /** The educator's figures for this workshop, fixed on completion with the commission rate of that day. */
    record Settlement(String month, long revenueMinor, String commissionRate, long commissionMinor, long payoutMinor) {
    }

    static final String ERASED = "erased";

    @Id
    String id;
    WorkshopStatus status;
    @Indexed
    String educatorPersonId;
    Map<String, String> title;
    Map<String, String> description;
    WorkshopCategory category;
    Set<TargetGroup> targetGroups;
    Integer minAge;
    Integer maxAge;
    String language;
    Venue venue;
    @Indexed
    String district;
    List<Session> sessions;
    Instant firstStart;
    int capacity;
    int solidaritySeats;
    long priceMinor;
    long memberPriceMinor;
    String currency;
    String projectId;
    List<String> learningCityFeatures;
    Instant createdAt;
    Instant publishedAt;
    int seatsLeft;
    int solidarityLeft;
    int waitlistLength;
    List<Enrolment> enrolments = new ArrayList<>();
    List<String> participantKeys = new ArrayList<>();
    /** Session id to the ids of the participants present at it. */
    Map<String, List<String>> attendance = new HashMap<>();
    List<Certificate> certificates = new ArrayList<>();
    Instant completedAt;
    Instant cancelledAt;
    String cancelledBy;
    String cancellationReason;
    Settlement settlement;
    /** Bumped by every write, the atomic ones included, so a whole-document save never overwrites a concurrent change. */
    @Version
    Long version;

    @Override
    public String aggregateId() {
        return id;
    }

    /** Waiting groups in the order they came: their position is their place in this list, from 1. */
    List<Enrolment> waitingList() {
        return enrolments.stream().filter(e -> e.status() == Enrolment.Status.WAITLISTED).toList();
    }

    List<Enrolment> confirmed() {
        return enrolments.stream().filter(e -> e.status() == Enrolment.Status.CONFIRMED).toList();
    }

    /**
     * Cancels an enrolment and hands the freed places to the waiting list: the first waiting group that fits gets them,
     * then the next that fits, in arrival order. Returns the events: the cancellation, then each promotion.
     */
    List<DomainEvent<?>> cancelEnrolment(String enrolmentId, String cancelledBy, String cause) {
        requireTakingPart();
        var index = indexOf(enrolmentId);
        var enrolment = enrolments.get(index);
        var previous = enrolment.status();
        if (!previous.isOpen()) {
            return List.of();
        }
        enrolments.set(index, enrolment.decided(Enrolment.Status.CANCELLED));
        participantKeys.removeAll(enrolment.participantKeys());
        if (previous == Enrolment.Status.CONFIRMED && enrolment.seatType() == Enrolment.SeatType.STANDARD) {
            seatsLeft += enrolment.participants().size();
        } else if (previous == Enrolment.Status.CONFIRMED) {
            solidarityLeft += enrolment.participants().size();
        } else if (previous == Enrolment.Status.WAITLISTED) {
            waitlistLength--;
        }
        var events = new ArrayList<DomainEvent<?>>();
        events.add(WorkshopEvents.ENROLMENT_CANCELLED.of(id, new WorkshopEvents.EnrolmentCancelled(id, enrolmentId,
                enrolment.enrolleeId(), enrolment.eventParticipants(), previous.name(), cancelledBy, cause)));
        for (int i = 0; i < enrolments.size() && seatsLeft > 0; i++) {
            var waiting = enrolments.get(i);
            if (waiting.status() == Enrolment.Status.WAITLISTED && waiting.participants().size() <= seatsLeft) {
                enrolments.set(i, waiting.withStatus(Enrolment.Status.CONFIRMED));
                seatsLeft -= waiting.participants().size();
                waitlistLength--;
                events.add(WorkshopEvents.ENROLMENT_PROMOTED.of(id, new WorkshopEvents.EnrolmentPromoted(id, waiting.id(),
                        waiting.enrolleeId(), waiting.eventParticipants(), decimal(waiting.priceMinor()), currency)));
            }
        }
        return events;
    }

    /**
     * Staff decide on a solidarity seat request: approval takes seats from the solidarity quota (never beyond it),
     * a decline frees the participants to enrol otherwise. The events never carry the request's reason.
     */
    List<DomainEvent<?>> decideSolidarityRequest(String enrolmentId, boolean approve, String staffId) {
        requireTakingPart();
        var index = indexOf(enrolmentId);
        var request = enrolments.get(index);
        if (request.status() != Enrolment.Status.PENDING_REVIEW) {
            throw ProblemException.conflict("already-decided", "This request is " + request.status() + " already.");
        }
        if (!approve) {
            enrolments.set(index, request.decided(Enrolment.Status.DECLINED));
            participantKeys.removeAll(request.participantKeys());
            return List.of(WorkshopEvents.SOLIDARITY_REQUEST_DECLINED.of(id, new WorkshopEvents.SolidarityRequestDeclined(id,
                    enrolmentId, request.enrolleeId(), request.eventParticipants(), staffId)));
        }
        int needed = request.participants().size();
        if (solidarityLeft < needed) {
            throw ProblemException.conflict("solidarity-seats-taken", "The group needs " + needed + " solidarity seat(s) and "
                    + solidarityLeft + " are left.");
        }
        solidarityLeft -= needed;
        enrolments.set(index, request.decided(Enrolment.Status.CONFIRMED));
        return List.of(WorkshopEvents.ENROLMENT_CONFIRMED.of(id, new WorkshopEvents.EnrolmentConfirmed(id, enrolmentId,
                request.enrolleeId(), request.eventParticipants(), Enrolment.SeatType.SOLIDARITY.name(), decimal(0), currency)));
    }

    /** The workshop will not take place: every enrolment is cancelled, and the workshop's cancellation announces it. */
    List<DomainEvent<?>> cancel(String by, String reason, Instant now) {
        if (status == WorkshopStatus.COMPLETED || status == WorkshopStatus.CANCELLED) {
            throw ProblemException.conflict("workshop-closed", "This workshop is " + status + " already.");
        }
        var events = new ArrayList<DomainEvent<?>>();
        var affected = new ArrayList<WorkshopEvents.AffectedEnrolment>();
        for (int i = 0; i < enrolments.size(); i++) {
            var enrolment = enrolments.get(i);
            if (enrolment.status().isOpen()) {
                enrolments.set(i, enrolment.decided(Enrolment.Status.CANCELLED));
                affected.add(new WorkshopEvents.AffectedEnrolment(enrolment.id(), enrolment.enrolleeId(),
                        enrolment.eventParticipants(), enrolment.status().name()));
                events.add(WorkshopEvents.ENROLMENT_CANCELLED.of(id, new WorkshopEvents.EnrolmentCancelled(id, enrolment.id(),
                        enrolment.enrolleeId(), enrolment.eventParticipants(), enrolment.status().name(), by, "WORKSHOP_CANCELLED")));
            }
        }
        var wasPublished = status != WorkshopStatus.DRAFT;
        participantKeys.clear();
        seatsLeft = 0;
        solidarityLeft = 0;
        waitlistLength = 0;
        status = WorkshopStatus.CANCELLED;
        cancelledAt = now;
        cancelledBy = by;
        cancellationReason = reason;
        if (wasPublished) {
            events.add(WorkshopEvents.WORKSHOP_CANCELLED.of(id, new WorkshopEvents.WorkshopCancelled(id, Catalogue.firstTitle(title),
                    educatorPersonId, by, reason, istanbul(firstStart), projectId, affected)));
        }
        return events;
    }

    /**
     * Who was present at a session that has begun, as the educator says; saying it again replaces the earlier record.
     * The first record means the workshop is running.
     */
    List<DomainEvent<?>> recordAttendance(String sessionId, List<String> present, Instant now) {
        requireTakingPart();
        var session = sessions.stream().filter(s -> s.id().equals(sessionId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("session", sessionId));
        if (session.start().isAfter(now)) {
            throw ProblemException.conflict("session-not-started", "Attendance is recorded once the session has begun ("
                    + istanbul(session.start()) + ").");
        }
        var enrolled = participantsById();
        var unknown = present.stream().filter(p -> !enrolled.containsKey(p)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.ruleViolated("not-a-participant", "Not confirmed participants of this workshop: " + unknown);
        }
        var recorded = List.copyOf(new LinkedHashSet<>(present));
        attendance.put(sessionId, recorded);
        status = WorkshopStatus.RUNNING;
        return List.of(WorkshopEvents.ATTENDANCE_RECORDED.of(id, new WorkshopEvents.AttendanceRecorded(id, sessionId,
                istanbul(session.start()), hours(session.minutes()), projectId,
                recorded.stream().map(p -> enrolled.get(p).toEvent()).toList(), enrolled.size())));
    }

    /**
     * The workshop took place. Everyone confirmed whose attendance reaches {@code threshold} (a share of the sessions)
     * gets a certificate; the educator's settlement is fixed with today's {@code commissionRate}.
     */
    List<DomainEvent<?>> complete(Instant now, BigDecimal threshold, BigDecimal commissionRate, Supplier<String> codes,
                                  Function<Enrolment.Participant, String> initials) {
        requireTakingPart();
        var last = sessions.getLast();
        if (last.start().isAfter(now)) {
            throw ProblemException.conflict("sessions-ahead", "The last session begins " + istanbul(last.start())
                    + "; a workshop is completed after it.");
        }
        var unrecorded = sessions.stream().filter(s -> !attendance.containsKey(s.id())).map(s -> istanbul(s.start()).toString()).toList();
        if (!unrecorded.isEmpty()) {
            throw ProblemException.conflict("attendance-missing", "Record attendance for every session first; missing: " + unrecorded);
        }
        var issuedOn = LocalDate.ofInstant(now, Catalogue.ISTANBUL);
        var participants = new ArrayList<WorkshopEvents.CompletedParticipant>();
        var events = new ArrayList<DomainEvent<?>>();
        long revenue = 0;
        var presence = presence();
        for (var enrolment : confirmed()) {
            revenue += enrolment.priceMinor();
            for (var participant : enrolment.participants()) {
                var attended = sessions.stream().filter(s -> presence.get(s.id()).contains(participant.id())).toList();
                long minutes = attended.stream().mapToLong(Session::minutes).sum();
                String code = null;
                if (BigDecimal.valueOf(attended.size()).compareTo(threshold.multiply(BigDecimal.valueOf(sessions.size()))) >= 0) {
                    code = codes.get();
                    certificates.add(new Certificate(code, participant.id(), enrolment.id(), initials.apply(participant), minutes, issuedOn));
                    events.add(WorkshopEvents.CERTIFICATE_ISSUED.of(id, new WorkshopEvents.CertificateIssued(code, id,
                            Catalogue.firstTitle(title), enrolment.enrolleeId(), participant.toEvent(), hours(minutes), issuedOn)));
                }
                participants.add(new WorkshopEvents.CompletedParticipant(participant.toEvent(), enrolment.enrolleeId(),
                        enrolment.seatType().name(), attended.size(), hours(minutes), code));
            }
        }
        long commission = BigDecimal.valueOf(revenue).multiply(commissionRate).setScale(0, RoundingMode.HALF_UP).longValueExact();
        settlement = new Settlement(YearMonth.from(issuedOn).toString(), revenue, commissionRate.toPlainString(), commission, revenue - commission);
        status = WorkshopStatus.COMPLETED;
        completedAt = now;
        events.addFirst(WorkshopEvents.WORKSHOP_COMPLETED.of(id, new WorkshopEvents.WorkshopCompleted(id, Catalogue.firstTitle(title),
                educatorPersonId, category, targetGroups.stream().map(Enum::name).sorted().toList(), venue.district(), projectId,
                learningCityFeatures, istanbul(now), sessions.size(), hours(sessions.stream().mapToLong(Session::minutes).sum()),
                participants, venue.city())));
        return events;
    }

    /**
     * Forgets who the person and the children they enrolled were: ids become pseudonyms, solidarity reasons and
     * initials go, and every count (places, attendance, certificates) stays. Returns whether anything changed.
     */
    boolean forget(String personId) {
        var pseudonyms = new HashMap<String, String>();
        Function<String, String> pseudonym = real -> pseudonyms.computeIfAbsent(real, r -> ERASED + ":" + UUID.randomUUID());
        boolean changed = false;
        for (int i = 0; i < enrolments.size(); i++) {
            var e = enrolments.get(i);
            if (!e.enrolleeId().equals(personId)) {
                continue;
            }
            changed = true;
            var participants = e.participants().stream().map(p -> p.personId() != null
                    ? new Enrolment.Participant(pseudonym.apply(p.personId()), null, p.targetGroup())
                    : new Enrolment.Participant(null, pseudonym.apply(p.dependantId()), p.targetGroup())).toList();
            var keys = participants.stream().map(Enrolment.Participant::key).toList();
            if (e.status().isOpen()) {
                participantKeys.removeAll(e.participantKeys());
                participantKeys.addAll(keys);
            }
            enrolments.set(i, new Enrolment(e.id(), pseudonym.apply(personId), participants, keys, e.seatType(), e.status(),
                    e.priceMinor(), e.createdAt(), null));
        }
        if (!changed) {
            return false;
        }
        attendance.replaceAll((session, present) -> present.stream().map(p -> pseudonyms.getOrDefault(p, p)).toList());
        certificates.replaceAll(c -> pseudonyms.containsKey(c.participantId())
                ? new Certificate(c.code(), pseudonyms.get(c.participantId()), c.enrolmentId(), null, c.minutes(), c.issuedOn())
                : c);
        return true;
    }

    /** Confirmed participants by the id attendance names them with. */
    Map<String, Enrolment.Participant> participantsById() {
        var byId = new HashMap<String, Enrolment.Participant>();
        confirmed().forEach(e -> e.participants().forEach(p -> byId.put(p.id(), p)));
        return byId;
    }

    /** Session id to who was present, as sets: built once for a whole roster or record, not per participant. */
    Map<String, Set<String>> presence() {
        var presence = new HashMap<String, Set<String>>();
        sessions.forEach(s -> presence.put(s.id(), new HashSet<>(attendance.getOrDefault(s.id(), List.of()))));
        return presence;
    }

    int indexOf(String enrolmentId) {
        for (int i = 0; i < enrolments.size(); i++) {
            if (enrolments.get(i).id().equals(enrolmentId)) {
                return i;
            }
        }
        return -1;
    }

    boolean isProjectFunded() {
        return projectId != null;
    }

    boolean isOwnedBy(String personId) {
        return educatorPersonId.equals(personId);
    }

    private void requireTakingPart() {
        if (status != WorkshopStatus.PUBLISHED && status != WorkshopStatus.RUNNING) {
            throw ProblemException.conflict("workshop-closed", "This workshop is " + status + ".");
        }
    }

    static OffsetDateTime istanbul(Instant instant) {
        return instant.atZone(Catalogue.ISTANBUL).toOffsetDateTime();
    }

    static String hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String decimal(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
