package coop.izek.workshop.workshops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.WorkshopCategory;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * A workshop: what it is, when and where, its seats, and the enrolments in it. Seats are counted down in
 * {@code seatsLeft} (standard) and {@code solidarityLeft} with conditional updates, never read-then-written.
 */
@Document("workshops")
@CompoundIndexes({
        @CompoundIndex(name = "search", def = "{'status': 1, 'category': 1, 'firstStart': 1}"),
        @CompoundIndex(name = "enrollee", def = "{'enrolments.enrolleeId': 1}")
})
class Workshop extends OutboxAggregate {

    record Venue(String name, String district, String city, String address, boolean online) {
    }

    record Session(String id, Instant start, Instant end) {
    }

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

    /**
     * Cancels an enrolment and hands the freed places to the waiting list: the first waiting group that fits gets them,
     * then the next that fits, in arrival order. Returns the events: the cancellation, then each promotion.
     */
    List<coop.izek.events.DomainEvent<?>> cancel(String enrolmentId, String cancelledBy) {
        var index = indexOf(enrolmentId);
        var enrolment = enrolments.get(index);
        var previous = enrolment.status();
        enrolments.set(index, enrolment.withStatus(Enrolment.Status.CANCELLED));
        participantKeys.removeAll(enrolment.participantKeys());
        if (previous == Enrolment.Status.CONFIRMED && enrolment.seatType() == Enrolment.SeatType.STANDARD) {
            seatsLeft += enrolment.participants().size();
        } else if (previous == Enrolment.Status.CONFIRMED) {
            solidarityLeft += enrolment.participants().size();
        } else if (previous == Enrolment.Status.WAITLISTED) {
            waitlistLength--;
        }
        var events = new ArrayList<coop.izek.events.DomainEvent<?>>();
        events.add(coop.izek.events.WorkshopEvents.ENROLMENT_CANCELLED.of(id, new coop.izek.events.WorkshopEvents.EnrolmentCancelled(
                id, enrolmentId, enrolment.enrolleeId(), enrolment.eventParticipants(), previous.name(), cancelledBy)));
        for (int i = 0; i < enrolments.size() && seatsLeft > 0; i++) {
            var waiting = enrolments.get(i);
            if (waiting.status() == Enrolment.Status.WAITLISTED && waiting.participants().size() <= seatsLeft) {
                enrolments.set(i, waiting.withStatus(Enrolment.Status.CONFIRMED));
                seatsLeft -= waiting.participants().size();
                waitlistLength--;
                events.add(coop.izek.events.WorkshopEvents.ENROLMENT_PROMOTED.of(id, new coop.izek.events.WorkshopEvents.EnrolmentPromoted(
                        id, waiting.id(), waiting.enrolleeId(), waiting.eventParticipants(),
                        java.math.BigDecimal.valueOf(waiting.priceMinor(), 2).toPlainString(), currency)));
            }
        }
        return events;
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
}
