package coop.izek.notification.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import coop.izek.events.EventType;
import coop.izek.events.ProjectEvents;
import coop.izek.support.secrets.Secrets;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/**
 * Partner organisations' webhooks: registered with a fresh secret, listed, removed and enabled again by their own
 * organisation only; each delivery attempt is logged, and a webhook that keeps failing is disabled.
 */
@Service
public class Webhooks {

    /** What partners may subscribe to: their projects' events. */
    public static final Set<String> EVENT_TYPES = ProjectEvents.FOR_PARTNERS.stream().map(EventType::name)
            .collect(Collectors.toUnmodifiableSet());

    public record View(String id, String url, List<String> eventTypes, String status, int consecutiveFailures,
                       Instant createdAt, Instant disabledAt, String disabledReason) {
    }

    public record Registered(String id, String secret, String url, List<String> eventTypes, String status) {
    }

    /** Where and how a delivery goes; {@code secrets} sign it (the current one, and a rotated-out one during its grace). */
    public record Target(String id, String organisationId, URI url, List<String> secrets, boolean active) {
    }

    /** A new secret, shown once; the old one signs too until {@code previousSecretValidUntil}. */
    public record Rotated(String id, String secret, Instant previousSecretValidUntil) {
    }

    public record Attempt(String deliveryId, String eventId, String eventType, int attempt, Instant at, Integer statusCode,
                          String error, long durationMillis, boolean succeeded) {
    }

    static final String ATTEMPTS = "webhook_attempts";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String SECRET_PURPOSE = "webhook-secrets";

    private final MongoTemplate mongo;
    private final ReceiverAddresses addresses;
    private final WebhookProperties properties;
    private final Secrets secrets;
    private final Clock clock;

    Webhooks(MongoTemplate mongo, ReceiverAddresses addresses, WebhookProperties properties, Secrets secrets, Clock clock) {
        this.mongo = mongo;
        this.addresses = addresses;
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Registered register(String organisationId, String clientId, String url, List<String> eventTypes) {
        var uri = parse(url);
        addresses.refusal(uri).ifPresent(reason -> {
            throw ProblemException.ruleViolated("receiver-refused", reason);
        });
        var unknown = eventTypes.stream().filter(t -> !EVENT_TYPES.contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.ruleViolated("unknown-event-type", "Not an event type partners can subscribe to: "
                    + String.join(", ", unknown) + ". Known: " + String.join(", ", EVENT_TYPES.stream().sorted().toList()) + ".");
        }
        if (mongo.count(Query.query(Criteria.where("organisationId").is(organisationId)), Webhook.class) >= properties.maxPerOrganisation()) {
            throw ProblemException.ruleViolated("too-many-webhooks", "An organisation has at most " + properties.maxPerOrganisation()
                    + " webhooks; remove one first.");
        }
        var webhook = new Webhook();
        webhook.id = UUID.randomUUID().toString();
        webhook.organisationId = organisationId;
        webhook.url = uri.toString();
        webhook.eventTypes = List.copyOf(new LinkedHashSet<>(eventTypes));
        var secret = WebhookSignature.newSecret(RANDOM);
        // Kept encrypted under the master key: whoever reads the store alone cannot sign deliveries as the platform.
        webhook.secret = secrets.encrypt(SECRET_PURPOSE, secret);
        webhook.status = Webhook.Status.ACTIVE;
        webhook.createdAt = clock.instant();
        webhook.createdBy = clientId;
        mongo.insert(webhook);
        return new Registered(webhook.id, secret, webhook.url, webhook.eventTypes, webhook.status.name());
    }

    public List<View> list(String organisationId) {
        return mongo.find(Query.query(Criteria.where("organisationId").is(organisationId)).with(Sort.by("createdAt")), Webhook.class)
                .stream().map(Webhooks::view).toList();
    }

    public View get(String organisationId, String webhookId) {
        return view(own(organisationId, webhookId));
    }

    public void remove(String organisationId, String webhookId) {
        mongo.remove(own(organisationId, webhookId));
    }

    /**
     * Replaces the secret. The old one keeps signing beside it for the grace period, so the partner can deploy the
     * new secret without losing a delivery; rotating again ends the old one's grace at once.
     */
    public Rotated rotateSecret(String organisationId, String webhookId) {
        var webhook = own(organisationId, webhookId);
        var secret = WebhookSignature.newSecret(RANDOM);
        var until = clock.instant().plus(properties.rotationGrace());
        var rotated = mongo.updateFirst(Query.query(Criteria.where("_id").is(webhookId).and("secret").is(webhook.secret)),
                new Update().set("secret", secrets.encrypt(SECRET_PURPOSE, secret)).set("previousSecret", webhook.secret)
                        .set("previousSecretUntil", until), Webhook.class);
        if (rotated.getModifiedCount() == 0) {
            throw ProblemException.conflict("secret-rotated", "The secret was rotated at the same moment; rotate again if you need to.");
        }
        return new Rotated(webhookId, secret, until);
    }

    /** Takes a disabled webhook back into use, with its failure count cleared. */
    public View enable(String organisationId, String webhookId) {
        own(organisationId, webhookId);
        var enabled = mongo.findAndModify(Query.query(Criteria.where("_id").is(webhookId)), new Update().set("status", Webhook.Status.ACTIVE)
                .set("consecutiveFailures", 0).unset("disabledAt").unset("disabledReason"), FindAndModifyOptions.options().returnNew(true),
                Webhook.class);
        return view(enabled);
    }

    public PageResponse<Attempt> attempts(String organisationId, String webhookId, int page, int size) {
        own(organisationId, webhookId);
        var query = Query.query(Criteria.where("webhookId").is(webhookId));
        long total = mongo.count(query, ATTEMPTS);
        var items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "at")).skip((long) page * size).limit(size), Attempt.class, ATTEMPTS);
        return new PageResponse<>(items, page, size, total);
    }

    /** The active webhooks of these organisations that subscribed to the event type. */
    public List<Target> subscribedTo(String eventType, Collection<String> organisationIds) {
        return mongo.find(Query.query(Criteria.where("organisationId").in(organisationIds).and("eventTypes").is(eventType)
                        .and("status").is(Webhook.Status.ACTIVE)), Webhook.class)
                .stream().map(this::target).toList();
    }

    public Optional<Target> target(String webhookId) {
        return Optional.ofNullable(mongo.findById(webhookId, Webhook.class)).map(this::target);
    }

    /**
     * Logs an attempt; a success clears the failure count, a failure adds to it and disables the webhook when it
     * reaches the limit.
     */
    public void recordAttempt(String webhookId, String deliveryId, String eventId, String eventType, int attempt, Integer statusCode,
                              String error, Duration took) {
        boolean succeeded = error == null;
        var at = clock.instant();
        mongo.insert(new org.bson.Document("webhookId", webhookId).append("deliveryId", deliveryId).append("eventId", eventId)
                .append("eventType", eventType).append("attempt", attempt).append("at", java.util.Date.from(at))
                .append("statusCode", statusCode).append("error", error).append("durationMillis", took.toMillis())
                .append("succeeded", succeeded), ATTEMPTS);
        var byId = Query.query(Criteria.where("_id").is(webhookId));
        if (succeeded) {
            mongo.updateFirst(byId, Update.update("consecutiveFailures", 0), Webhook.class);
            return;
        }
        var counted = mongo.findAndModify(byId, new Update().inc("consecutiveFailures", 1), FindAndModifyOptions.options().returnNew(true),
                Webhook.class);
        if (counted != null && counted.consecutiveFailures >= properties.disableAfter()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(webhookId).and("status").is(Webhook.Status.ACTIVE)),
                    new Update().set("status", Webhook.Status.DISABLED).set("disabledAt", at).set("disabledReason",
                            counted.consecutiveFailures + " failed attempts in a row; last: " + error), Webhook.class);
        }
    }

    private Webhook own(String organisationId, String webhookId) {
        var webhook = mongo.findOne(Query.query(Criteria.where("_id").is(webhookId).and("organisationId").is(organisationId)), Webhook.class);
        if (webhook == null) {
            throw ProblemException.notFound("webhook", webhookId);
        }
        return webhook;
    }

    private static URI parse(String url) {
        try {
            var uri = new URI(url);
            if (!uri.isAbsolute()) {
                throw ProblemException.ruleViolated("receiver-refused", "The URL must be absolute: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProblemException.ruleViolated("receiver-refused", "Not a URL: " + e.getMessage());
        }
    }

    private static View view(Webhook w) {
        return new View(w.id, w.url, w.eventTypes, w.status.name(), w.consecutiveFailures, w.createdAt, w.disabledAt, w.disabledReason);
    }

    private Target target(Webhook w) {
        var signing = new java.util.ArrayList<String>();
        signing.add(plain(w.secret));
        if (w.previousSecret != null && w.previousSecretUntil != null && w.previousSecretUntil.isAfter(clock.instant())) {
            signing.add(plain(w.previousSecret));
        }
        return new Target(w.id, w.organisationId, URI.create(w.url), List.copyOf(signing), w.status == Webhook.Status.ACTIVE);
    }

    /** A secret from before secrets were encrypted is used as it is until reencryptSecrets has written it again. */
    private String plain(String stored) {
        return Secrets.isEncrypted(stored) ? secrets.decrypt(SECRET_PURPOSE, stored) : stored;
    }

    /**
     * Secrets written under a master key that has since been replaced are written again under the current one, so
     * the previous key can be dropped from the configuration once this has run (at start and every hour).
     */
    @org.springframework.scheduling.annotation.Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT1H")
    void reencryptSecrets() {
        for (var webhook : mongo.findAll(Webhook.class)) {
            if (!secrets.isCurrent(webhook.secret)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(webhook.id).and("secret").is(webhook.secret)),
                        Update.update("secret", secrets.encrypt(SECRET_PURPOSE, plain(webhook.secret))), Webhook.class);
            }
            if (webhook.previousSecret != null && !secrets.isCurrent(webhook.previousSecret)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(webhook.id).and("previousSecret").is(webhook.previousSecret)),
                        Update.update("previousSecret", secrets.encrypt(SECRET_PURPOSE, plain(webhook.previousSecret))), Webhook.class);
            }
        }
    }
}
