package coop.izek.membership.organisations;

import java.time.Clock;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import coop.izek.support.cooperative.CooperativeProperties;
import coop.izek.support.outbox.Outbox;

/**
 * The cooperative is an organisation too: it coordinates and joins project consortia like its partners. It is
 * registered on first start under a fixed id ({@code izek.cooperative.organisation-id}, "izek"), which every service
 * knows, so "a project the cooperative takes part in" needs no lookup.
 */
@Component
class CooperativeOrganisation implements ApplicationRunner {

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Clock clock;
    private final String id;
    private final String contactEmail;

    CooperativeOrganisation(MongoTemplate mongo, Outbox outbox, Clock clock, CooperativeProperties cooperative) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        this.id = cooperative.organisationId();
        this.contactEmail = cooperative.contactEmail();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (mongo.findById(id, Organisation.class) != null) {
            return;
        }
        var registration = Organisation.register(id, "İZEK İzmir Eğitim Kooperatifi", "TR", OrganisationType.COOPERATIVE, null, null,
                contactEmail, clock.instant());
        try {
            outbox.insert(registration.organisation(), registration.events());
        } catch (DuplicateKeyException anotherInstanceDidIt) {
            // registered once, by whichever instance came first
        }
    }
}
