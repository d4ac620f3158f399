package coop.izek.membership.organisations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.OrganisationRegistered;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * A partner organisation. Its Erasmus+ OID and EU PIC, when given, identify it uniquely across the programmes.
 */
@Document("organisations")
class Organisation extends OutboxAggregate {

    @Id
    private String id;
    private String name;
    private String country;
    private OrganisationType type;
    @Indexed(unique = true, sparse = true)
    private String oid;
    @Indexed(unique = true, sparse = true)
    private String pic;
    private String contactEmail;
    private Instant registeredAt;

    Organisation() {
    }

    record Registration(Organisation organisation, List<DomainEvent<?>> events) {
    }

    static Registration register(String name, String country, OrganisationType type, String oid, String pic,
                                 String contactEmail, Instant now) {
        return register(UUID.randomUUID().toString(), name, country, type, oid, pic, contactEmail, now);
    }

    /** With an id of the caller's choosing: the cooperative itself is known to every service by a fixed id. */
    static Registration register(String id, String name, String country, OrganisationType type, String oid, String pic,
                                 String contactEmail, Instant now) {
        var organisation = new Organisation();
        organisation.id = id;
        organisation.name = name.strip();
        organisation.country = country;
        organisation.type = type;
        organisation.oid = oid;
        organisation.pic = pic;
        organisation.contactEmail = contactEmail.strip();
        organisation.registeredAt = now;
        var event = MembershipEvents.ORGANISATION_REGISTERED.of(organisation.id, new OrganisationRegistered(organisation.id,
                organisation.name, country, type.name(), oid, pic, organisation.contactEmail));
        return new Registration(organisation, List.of(event));
    }

    @Override
    public String aggregateId() {
        return id;
    }

    Organisations.OrganisationView view() {
        return new Organisations.OrganisationView(id, name, country, type, oid, pic, contactEmail, registeredAt);
    }
}
