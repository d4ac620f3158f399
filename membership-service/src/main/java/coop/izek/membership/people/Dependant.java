package coop.izek.membership.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.DependantAdded;
import coop.izek.support.outbox.OutboxAggregate;

/** A child in a guardian's care. Only the guardian and staff see it. */
@Document("dependants")
class Dependant extends OutboxAggregate {

    @Id
    private String id;
    @Indexed
    private String guardianId;
    private String fullName;
    private LocalDate birthDate;
    private Instant addedAt;
    private boolean erased;

    Dependant() {
    }

    record Addition(Dependant dependant, List<DomainEvent<?>> events) {
    }

    static Addition add(String guardianId, String fullName, LocalDate birthDate, Instant now) {
        var dependant = new Dependant();
        dependant.id = UUID.randomUUID().toString();
        dependant.guardianId = guardianId;
        dependant.fullName = fullName.strip();
        dependant.birthDate = birthDate;
        dependant.addedAt = now;
        // Keyed by the guardian, like the guardian's own events: a child's addition and the guardian's erasure reach
        // consumers in the order they happened.
        return new Addition(dependant, List.of(MembershipEvents.DEPENDANT_ADDED.of(guardianId,
                new DependantAdded(dependant.id, guardianId, dependant.fullName, birthDate))));
    }

    @Override
    public String aggregateId() {
        return id;
    }

    Dependants.DependantView view() {
        return new Dependants.DependantView(id, guardianId, fullName, birthDate, addedAt);
    }
}
