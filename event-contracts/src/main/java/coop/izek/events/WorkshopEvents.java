package coop.izek.events;

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

    private WorkshopEvents() {
    }

    /** A session of a workshop, with its times in Europe/Istanbul. */
    public record Session(String sessionId, OffsetDateTime start, OffsetDateTime end) {
    }

    /** Who takes a place: the enrolling person themself, or one of their dependants. */
    public record Participant(String personId, String dependantId) {
    }

    public record WorkshopPublished(String workshopId, String educatorPersonId, String title, WorkshopCategory category,
                                    List<String> targetGroups, String district, List<Session> sessions, int capacity,
                                    int solidaritySeats, String projectId, List<String> learningCityFeatures) {
    }

    /** Places given; {@code price} is a decimal string in {@code currency}, for the whole group. */
    public record EnrolmentConfirmed(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                     String seatType, String price, String currency) {
    }

    /** The group waits for places to free up; the waiting list is served in the order these events were published. */
    public record EnrolmentWaitlisted(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants) {
    }

    /** A group gave up its places (or its wait); {@code previousStatus} says which. */
    public record EnrolmentCancelled(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                     String previousStatus, String cancelledBy) {
    }

    /** A waiting group got places that freed up; the price is due now. */
    public record EnrolmentPromoted(String workshopId, String enrolmentId, String enrolleeId, List<Participant> participants,
                                    String price, String currency) {
    }
}
