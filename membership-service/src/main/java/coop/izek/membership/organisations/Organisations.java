package coop.izek.membership.organisations;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import coop.izek.events.MembershipEvents;
import coop.izek.membership.identity.Accounts;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** Partner organisations and the API clients they use the platform with. */
@Service
public class Organisations {

    public record OrganisationView(String id, String name, String country, OrganisationType type, String oid, String pic,
                                   String contactEmail, Instant registeredAt) {
    }

    /** What the authorization server needs to know of an API client. */
    public record ApiClientView(String clientId, String organisationId, String secretHash, Instant issuedAt) {
    }

    /** An API client as staff see it: never its secret or hash. */
    public record ApiClientListing(String clientId, Instant issuedAt, String issuedBy, Instant revokedAt, String revokedBy,
                                   boolean active) {
    }

    /** A person linked to an organisation, as staff see them. */
    public record StaffMember(String personId, String fullName, String email, Instant linkedAt) {
    }

    /** A new client's credentials: the secret is shown this once and never stored in the clear. */
    public record IssuedCredentials(String clientId, String clientSecret) {
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Accounts accounts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Organisations(MongoTemplate mongo, Outbox outbox, PasswordEncoder passwords, Accounts accounts, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.passwords = passwords;
        this.accounts = accounts;
        this.clock = clock;
    }

    public String register(String name, String country, OrganisationType type, String oid, String pic, String contactEmail) {
        var code = country.toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw ProblemException.ruleViolated("unknown-country", "Country must be an ISO 3166 two-letter code, such as TR or PL.");
        }
        var registration = Organisation.register(name, code, type, blankToNull(oid), blankToNull(pic), contactEmail, clock.instant());
        try {
            outbox.insert(registration.organisation(), registration.events());
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("organisation-exists", "An organisation with this OID or PIC is registered already.");
        }
        return registration.organisation().aggregateId();
    }

    /**
     * An organisation every service knows by a fixed id (the cooperative itself, the demo consortium), registered
     * once: nothing happens if the id is taken, by an earlier start or by another instance at the same moment.
     */
    public void registerKnown(String id, String name, String country, OrganisationType type, String oid, String pic, String contactEmail) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(id)), Organisation.class)) {
            return;
        }
        var registration = Organisation.register(id, name, country, type, oid, pic, contactEmail, clock.instant());
        try {
            outbox.insert(registration.organisation(), registration.events());
        } catch (DuplicateKeyException registeredMeanwhile) {
            // by whichever instance came first
        }
    }

    public OrganisationView find(String id) {
        var organisation = mongo.findById(id, Organisation.class);
        if (organisation == null) {
            throw ProblemException.notFound("organisation", id);
        }
        return organisation.view();
    }

    public PageResponse<OrganisationView> page(int page, int size) {
        var query = new Query().with(Sort.by("name")).skip((long) page * size).limit(size);
        var items = mongo.find(query, Organisation.class).stream().map(Organisation::view).toList();
        return new PageResponse<>(items, page, size, mongo.count(new Query(), Organisation.class));
    }

    public IssuedCredentials issueApiClient(String organisationId, String by) {
        find(organisationId);
        var clientId = "org-" + token(9);
        var secret = token(32);
        mongo.insert(new ApiClient(clientId, organisationId, passwords.encode(secret), clock.instant(), by));
        return new IssuedCredentials(clientId, secret);
    }

    public List<ApiClientListing> apiClients(String organisationId) {
        find(organisationId);
        return mongo.find(Query.query(Criteria.where("organisationId").is(organisationId)).with(Sort.by("issuedAt")), ApiClient.class)
                .stream().map(c -> new ApiClientListing(c.clientId, c.issuedAt, c.issuedBy, c.revokedAt, c.revokedBy, c.revokedAt == null))
                .toList();
    }

    /**
     * Ends an API client: no new tokens from now on, and (by its event, in the same write) its tokens are refused by
     * every service within moments. Revoking it again changes nothing.
     */
    public void revokeApiClient(String organisationId, String clientId, String by) {
        var client = mongo.findOne(Query.query(Criteria.where("_id").is(clientId).and("organisationId").is(organisationId)), ApiClient.class);
        if (client == null) {
            throw ProblemException.notFound("API client", clientId);
        }
        var now = clock.instant();
        var event = MembershipEvents.API_CLIENT_REVOKED.of(clientId, new MembershipEvents.ApiClientRevoked(clientId, organisationId, now));
        var revoked = mongo.updateFirst(Query.query(Criteria.where("_id").is(clientId).and("revokedAt").isNull()),
                new Update().set("revokedAt", now).set("revokedBy", by).push(OutboxEvent.FIELD, outbox.toOutboxEvent(event)),
                ApiClient.class);
        if (revoked.getModifiedCount() > 0) {
            outbox.afterWrite(ApiClient.class, clientId);
        }
    }

    /**
     * Links the person with this (verified) address to the organisation: from their next sign-in they see its projects
     * and deliverables. Linking them again is harmless; a person works for one organisation at a time.
     */
    public String linkStaff(String organisationId, String email, String by) {
        find(organisationId);
        var personId = accounts.verifiedPerson(email)
                .orElseThrow(() -> ProblemException.notFound("verified person with this email", email));
        try {
            mongo.insert(new OrganisationStaff(personId, organisationId, clock.instant(), by));
        } catch (DuplicateKeyException linkedAlready) {
            var existing = mongo.findById(personId, OrganisationStaff.class);
            if (existing != null && !existing.organisationId().equals(organisationId)) {
                throw ProblemException.conflict("linked-elsewhere", "This person is linked to another organisation; unlink them there first.");
            }
        }
        return personId;
    }

    public List<StaffMember> staff(String organisationId) {
        find(organisationId);
        return mongo.find(Query.query(Criteria.where("organisationId").is(organisationId)).with(Sort.by("linkedAt")), OrganisationStaff.class)
                .stream().map(link -> {
                    var profile = accounts.profile(link.personId());
                    return new StaffMember(link.personId(), profile.fullName(), profile.email(), link.linkedAt());
                }).toList();
    }

    /** Ends the link; the person's tokens lose the organisation when they next sign in (within 15 minutes at most). */
    public void unlinkStaff(String organisationId, String personId) {
        var removed = mongo.remove(Query.query(Criteria.where("_id").is(personId).and("organisationId").is(organisationId)),
                OrganisationStaff.class);
        if (removed.getDeletedCount() == 0) {
            throw ProblemException.notFound("staff member of this organisation", personId);
        }
    }

    /** An erased person works for no one here any more. */
    public void forgetStaff(String personId) {
        mongo.remove(Query.query(Criteria.where("_id").is(personId)), OrganisationStaff.class);
    }

    /** An API client that may still get tokens. */
    public Optional<ApiClientView> apiClient(String clientId) {
        return Optional.ofNullable(mongo.findById(clientId, ApiClient.class)).filter(c -> c.revokedAt == null)
                .map(c -> new ApiClientView(c.clientId, c.organisationId, c.secretHash, c.issuedAt));
    }

    private String token(int bytes) {
        var value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
