package coop.izek.workshop.workshops;

import java.time.Instant;
import java.util.List;

import coop.izek.events.TargetGroup;
import coop.izek.events.WorkshopEvents;

/**
 * A group's place (or wait) in a workshop, kept inside the workshop's document so that taking seats, refusing a
 * second place for the same participant and recording the event are one write. {@code solidarityReason} is for
 * staff only and never leaves the service.
 */
record Enrolment(String id, String enrolleeId, List<Participant> participants, List<String> participantKeys,
                 SeatType seatType, Status status, long priceMinor, Instant createdAt, String solidarityReason) {

    enum SeatType {
        STANDARD, SOLIDARITY
    }

    enum Status {
        CONFIRMED, WAITLISTED, PENDING_REVIEW, DECLINED, CANCELLED;

        /** Whether the group holds a place or a claim to one (and so its participants cannot enrol again). */
        boolean isOpen() {
            return this == CONFIRMED || this == WAITLISTED || this == PENDING_REVIEW;
        }
    }

    /** Decided or ended: a solidarity request's reason has served its purpose (staff read it) and is not kept. */
    Enrolment decided(Status next) {
        return new Enrolment(id, enrolleeId, participants, participantKeys, seatType, next, priceMinor, createdAt, null);
    }

    Enrolment withStatus(Status next) {
        return new Enrolment(id, enrolleeId, participants, participantKeys, seatType, next, priceMinor, createdAt, solidarityReason);
    }

    List<WorkshopEvents.Participant> eventParticipants() {
        return participants.stream().map(Participant::toEvent).toList();
    }

    /**
     * The enrolling person themself ({@code personId}) or one of their dependants ({@code dependantId}), and the
     * target group they count in.
     */
    record Participant(String personId, String dependantId, TargetGroup targetGroup) {

        String key() {
            return personId != null ? "person:" + personId : "dependant:" + dependantId;
        }

        /** How educators name a participant in attendance: the person's or the dependant's id. */
        String id() {
            return personId != null ? personId : dependantId;
        }

        WorkshopEvents.Participant toEvent() {
            return new WorkshopEvents.Participant(personId, dependantId, targetGroup == null ? null : targetGroup.name());
        }
    }
}
