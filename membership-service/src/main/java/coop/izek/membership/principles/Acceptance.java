package coop.izek.membership.principles;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** The auditable record that a person accepted a version: who, which version, when, and on what occasion. */
@Document("principle_acceptances")
record Acceptance(@Id String id, @Indexed String personId, int version, Instant acceptedAt, String occasion) {

    static String idFor(String personId, int version) {
        return personId + ":" + version;
    }
}
