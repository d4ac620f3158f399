package coop.izek.workshop.workshops;

import java.time.Instant;
import java.util.List;

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
        CONFIRMED, WAITLISTED, PENDING_REVIEW, CANCELLED
    }

    Enrolment withStatus(Status next) {
        return new Enrolment(id, enrolleeId, participants, participantKeys, seatType, next, priceMinor, createdAt, solidarityReason);
    }

    java.util.List<coop.izek.events.WorkshopEvents.Participant> eventParticipants() {
        return participants.stream().map(p -> new coop.izek.events.WorkshopEvents.Participant(p.personId(), p.dependantId())).toList();
    }

    /** The enrolling person themself ({@code personId}) or one of their dependants ({@code dependantId}). */
    record Participant(String personId, String dependantId) {
        String key() {
            return personId != null ? "person:" + personId : "dependant:" + dependantId;
        }
    }
}
