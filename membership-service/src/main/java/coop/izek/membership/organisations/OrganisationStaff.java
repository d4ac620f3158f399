package coop.izek.membership.organisations;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person who works for a partner organisation, linked by staff; one organisation per person (the id is the person's). */
@Document("organisation_staff")
record OrganisationStaff(@Id String personId, @Indexed String organisationId, Instant linkedAt, String linkedBy) {
}
