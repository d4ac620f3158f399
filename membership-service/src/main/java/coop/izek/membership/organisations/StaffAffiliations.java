package coop.izek.membership.organisations;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import coop.izek.membership.identity.Affiliations;

/** The organisation a person was linked to, for their tokens. */
@Component
class StaffAffiliations implements Affiliations {

    private final MongoTemplate mongo;

    StaffAffiliations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<String> organisationOf(String personId) {
        return Optional.ofNullable(mongo.findById(personId, OrganisationStaff.class)).map(OrganisationStaff::organisationId);
    }
}
