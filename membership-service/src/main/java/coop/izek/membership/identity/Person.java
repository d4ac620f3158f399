package coop.izek.membership.identity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.events.MembershipEvents.PersonRegistered;
import coop.izek.support.outbox.OutboxAggregate;

/**
 * Someone with an account. The email is unique whatever its case: {@code emailKey} is its lower-case form. An account
 * is usable for everything but its own upkeep once its address is verified ({@code emailVerifiedAt}); only then do the
 * other services hear of the person (person-registered). One-time challenges (verification, password reset) keep
 * only their nonce, which the signed link must carry.
 */
@Document("people")
class Person extends OutboxAggregate {

    static final Set<String> LOCALES = Set.of("tr", "en", "pl");
    static final String DEFAULT_LOCALE = "tr";

    /** A link sent by mail: valid once, until {@code expiresAt}; {@code sentAt} limits how often one is sent. */
    record Challenge(String nonce, Instant expiresAt, Instant sentAt) {
    }

    @Id
    private String id;
    private String email;
    @Indexed(unique = true)
    private String emailKey;
    private String fullName;
    private String locale;
    private String passwordHash;
    private List<Role> roles;
    private Instant registeredAt;
    private Instant emailVerifiedAt;
    private Challenge verification;
    private Challenge passwordReset;
    private Instant passwordChangedAt;
    private Instant registrationNoticeAt;
    private Instant erasedAt;

    Person() {
    }

    record Registration(Person person, List<DomainEvent<?>> events) {
    }

    /**
     * A new account waiting for its address to be verified; the caller has checked the password's strength and hashed
     * it. Only the verification mail may go to the address until then.
     */
    static Registration register(String email, String fullName, String locale, String passwordHash, Challenge verification,
                                 Instant now) {
        var person = create(email, fullName, locale, passwordHash, List.of(), now);
        person.verification = verification;
        return new Registration(person, List.of(person.verificationRequested()));
    }

    /** A staff account set up by the operator (IZEK_ADMIN_*): the address is the operator's word, so it counts as verified. */
    static Registration staff(String email, String fullName, String passwordHash, Instant now) {
        var person = create(email, fullName, DEFAULT_LOCALE, passwordHash, List.of(Role.ADMIN), now);
        person.emailVerifiedAt = now;
        return new Registration(person, List.of(person.registered()));
    }

    /** A demo person (./izek up --demo) under a fixed id, its sample address taken as verified. */
    static Registration demo(String id, String email, String fullName, String locale, String passwordHash, Instant now) {
        var person = create(id, email, fullName, locale, passwordHash, List.of(), now);
        person.emailVerifiedAt = now;
        return new Registration(person, List.of(person.registered()));
    }

    private static Person create(String email, String fullName, String locale, String passwordHash, List<Role> roles, Instant now) {
        return create(UUID.randomUUID().toString(), email, fullName, locale, passwordHash, roles, now);
    }

    private static Person create(String id, String email, String fullName, String locale, String passwordHash, List<Role> roles,
                                 Instant now) {
        var person = new Person();
        person.id = id;
        person.email = email.strip();
        person.emailKey = emailKey(email);
        person.fullName = fullName.strip();
        person.locale = locale == null ? DEFAULT_LOCALE : locale;
        person.passwordHash = passwordHash;
        person.roles = List.copyOf(roles);
        person.registeredAt = now;
        return person;
    }

    DomainEvent<?> verificationRequested() {
        return MembershipEvents.EMAIL_VERIFICATION_REQUESTED.of(id, new MembershipEvents.EmailVerificationRequested(id, email, locale,
                verification.nonce(), verification.expiresAt()));
    }

    DomainEvent<?> registered() {
        return MembershipEvents.PERSON_REGISTERED.of(id, new PersonRegistered(id, email, fullName, locale));
    }

    /** What erasure leaves of the account: the id, so records that must be kept (the share register) stay consistent. */
    static String erasedEmail(String id) {
        return "erased-" + id + "@erased.invalid";
    }

    boolean erased() {
        return erasedAt != null;
    }

    boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    Instant registeredAt() {
        return registeredAt;
    }

    static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static String newNonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public String aggregateId() {
        return id;
    }

    String id() {
        return id;
    }

    String email() {
        return email;
    }

    String emailKey() {
        return emailKey;
    }

    String fullName() {
        return fullName;
    }

    String locale() {
        return locale;
    }

    String passwordHash() {
        return passwordHash;
    }

    List<Role> roles() {
        return roles;
    }

    Challenge verification() {
        return verification;
    }
}
