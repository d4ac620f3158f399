package coop.izek.membership.organisations;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.support.outbox.OutboxAggregate;

/**
 * An OAuth2 client (client credentials) of a partner organisation; only the hash of its secret is stored. A revoked
 * client gets no more tokens, and the tokens it has are refused everywhere as soon as its revocation is announced.
 */
@Document("api_clients")
class ApiClient extends OutboxAggregate {

    @Id
    String clientId;
    @Indexed
    String organisationId;
    String secretHash;
    Instant issuedAt;
    String issuedBy;
    Instant revokedAt;
    String revokedBy;

    ApiClient() {
    }

    ApiClient(String clientId, String organisationId, String secretHash, Instant issuedAt, String issuedBy) {
        this.clientId = clientId;
        this.organisationId = organisationId;
        this.secretHash = secretHash;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
    }

    @Override
    public String aggregateId() {
        return clientId;
    }
}
