package coop.izek.notification.webhooks;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner organisation's subscription: which of its projects' events are POSTed to which URL, signed with its
 * secret. Every delivery is signed with the secret, so it is kept, encrypted under the master key; the partner sees it
 * once.
 */
@Document("webhooks")
class Webhook {

    enum Status {
        ACTIVE, DISABLED
    }

    @Id
    String id;
    @Indexed
    String organisationId;
    String url;
    List<String> eventTypes;
    String secret;
    /** The secret before the last rotation, signing too until {@code previousSecretUntil} so receivers can switch over. */
    String previousSecret;
    Instant previousSecretUntil;
    Status status;
    int consecutiveFailures;
    Instant createdAt;
    String createdBy;
    Instant disabledAt;
    String disabledReason;
}
