package coop.izek.membership.organisations;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** An OAuth2 client (client credentials) of a partner organisation; only the hash of its secret is stored. */
@Document("api_clients")
record ApiClient(@Id String clientId, @Indexed String organisationId, String secretHash, Instant issuedAt) {
}
