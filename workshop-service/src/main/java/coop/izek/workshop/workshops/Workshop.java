package coop.izek.workshop.workshops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
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

    @Override
    public String aggregateId() {
        return id;
    }

    /** Waiting groups in the order they came: their position is their place in this list, from 1. */
    List<Enrolment> waitingList() {
        return enrolments.stream().filter(e -> e.status() == Enrolment.Status.WAITLISTED).toList();
    }

    boolean isProjectFunded() {
        return projectId != null;
    }
}
