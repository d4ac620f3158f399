package coop.izek.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Events workshop-service publishes on {@link Topics#WORKSHOP}. Payloads never carry solidarity reasons. */
public final class WorkshopEvents {

    public static final String SOURCE = "/izek/workshop-service";

    public static final EventType<WorkshopPublished> WORKSHOP_PUBLISHED = new EventType<>(
            "coop.izek.workshop.workshop-published.v1", Topics.WORKSHOP, WorkshopPublished.class);

    public static final EventType<EnrolmentConfirmed> ENROLMENT_CONFIRMED = new EventType<>(
            "coop.izek.workshop.enrolment-confirmed.v1", Topics.WORKSHOP, EnrolmentConfirmed.class);

    public static final EventType<EnrolmentWaitlisted> ENROLMENT_WAITLISTED = new EventType<>(
            "coop.izek.workshop.enrolment-waitlisted.v1", Topics.WORKSHOP, EnrolmentWaitlisted.class);

    public static final EventType<EnrolmentCancelled> ENROLMENT_CANCELLED = new EventType<>(
            "coop.izek.workshop.enrolment-cancelled.v1", Topics.WORKSHOP, EnrolmentCancelled.class);

    public static final EventType<EnrolmentPromoted> ENROLMENT_PROMOTED = new EventType<>(
            "coop.izek.workshop.enrolment-promoted.v1", Topics.WORKSHOP, EnrolmentPromoted.class);

    public static final EventType<SolidarityRequestDeclined> SOLIDARITY_REQUEST_DECLINED = new EventType<>(
            "coop.izek.workshop.solidarity-request-declined.v1", Topics.WORKSHOP, SolidarityRequestDeclined.class);

    public static final EventType<WorkshopCancelled> WORKSHOP_CANCELLED = new EventType<>(
            "coop.izek.workshop.workshop-cancelled.v1", Topics.WORKSHOP, WorkshopCancelled.class);

    public static final EventType<AttendanceRecorded> ATTENDANCE_RECORDED = new EventType<>(
            "coop.izek.workshop.attendance-recorded.v1", Topics.WORKSHOP, AttendanceRecorded.class);

    public static final EventType<WorkshopCompleted> WORKSHOP_COMPLETED = new EventType<>(
            "coop.izek.workshop.workshop-completed.v1", Topics.WORKSHOP, WorkshopCompleted.class);

    public static final EventType<CertificateIssued> CERTIFICATE_ISSUED = new EventType<>(
            "coop.izek.workshop.certificate-issued.v1", Topics.WORKSHOP, CertificateIssued.class);

    private WorkshopEvents() {
    }

    /** A session of a workshop, with its times in Europe/Istanbul. */
    public record Session(String sessionId, OffsetDateTime start, OffsetDateTime end) {
    }

    /**
     * Who takes a place: the enrolling person themself, or one of their dependants; {@code targetGroup} is the group
     * they count in (a child by age, an adult by what the workshop is for).
     */
    public record Participant(String personId, String dependantId, String targetGroup) {
    }

    /** {@code city} and {@code district} are where it takes place (null for an online workshop's district). */
    public record WorkshopPublished(String workshopId, String educatorPersonId, String title, WorkshopCategory category,
                                    List<String> targetGroups, String district, List<Session> sessions, int capacity,
                                    int solidaritySeats, String projectId, List<String> learningCityFeatures, String city) {
    }

    /** Places given; {@code price} is a decimal string in {@code currency}, for the whole group. */
    public record EnrolmentConfirmed(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                     String seatType, String price, String currency) {
    }

    /** The group waits for places to free up; the waiting list is served in the order these events were published. */
    public record EnrolmentWaitlisted(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants) {
    }

    /**
     * A group gave up its places (or its wait); {@code previousStatus} says which. {@code cause} is ENROLLEE, STAFF
     * or WORKSHOP_CANCELLED (then {@link WorkshopCancelled} is the announcement to tell people about).
     */
    public record EnrolmentCancelled(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                     String previousStatus, String cancelledBy, String cause) {
    }

    /** A waiting group got places that freed up; the price is due now. */
    public record EnrolmentPromoted(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                    String price, String currency) {
    }

    /** Staff declined a solidarity seat request; the group holds no place. Never carries the request's reason. */
    public record SolidarityRequestDeclined(String workshopId, String enrolmentId, String enrolleeId,
                                            List<Participant> participants, String decidedBy) {
    }

    /** A group the workshop's cancellation affected: everyone in {@code participants} lost their place or wait. */
    public record AffectedEnrolment(String enrolmentId, String enrolleeId, List<Participant> participants, String previousStatus) {
    }

    /** The workshop will not take place (or not continue); every enrolment in it is cancelled. */
    public record WorkshopCancelled(String workshopId, String title, String educatorPersonId, String cancelledBy, String reason,
                                    OffsetDateTime firstStart, String projectId, List<AffectedEnrolment> enrolments) {
    }

    /**
     * Who was present at one session. Recording a session again replaces its earlier record: consumers keep the
     * latest per (workshopId, sessionId). {@code hours} is the session's length, a decimal string.
     */
    public record AttendanceRecorded(String workshopId, String sessionId, OffsetDateTime sessionStart, String hours,
                                     String projectId, List<Participant> present, int participantsEnrolled) {
    }

    /** How one participant took part in a completed workshop; {@code certificateCode} is null below the threshold. */
    public record CompletedParticipant(Participant participant, String enrolleeId, String seatType, int sessionsAttended,
                                       String hours, String certificateCode) {
    }

    /** The workshop took place; the figures projects count (participants, solidarity seats, hours) are all here. */
    public record WorkshopCompleted(String workshopId, String title, String educatorPersonId, WorkshopCategory category,
                                    List<String> targetGroups, String district, String projectId,
                                    List<String> learningCityFeatures, OffsetDateTime completedAt, int sessions,
                                    String hours, List<CompletedParticipant> participants, String city) {
    }

    /** A certificate for one participant; {@code enrolleeId} is who enrolled them (the guardian, for a child). */
    public record CertificateIssued(String certificateCode, String workshopId, String workshopTitle, String enrolleeId,
                                    Participant participant, String hours, LocalDate issuedOn) {
    }
}
