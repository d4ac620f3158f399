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

/** Someone with an account. The email is unique whatever its case: {@code emailKey} is its lower-case form. */
@Document("people")
class Person extends OutboxAggregate {

    static final Set<String> LOCALES = Set.of("tr", "en", "pl");
    static final String DEFAULT_LOCALE = "tr";

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
    private Instant erasedAt;

    Person() {
    }

    record Registration(Person person, List<DomainEvent<?>> events) {
    }

    /** A new account; the caller has checked the password's strength and hashed it. */
    static Registration register(String email, String fullName, String locale, String passwordHash, List<Role> roles,
                                 Instant now) {
        var person = new Person();
        person.id = UUID.randomUUID().toString();
        person.email = email.strip();
        person.emailKey = emailKey(email);
        person.fullName = fullName.strip();
        person.locale = locale == null ? DEFAULT_LOCALE : locale;
        person.passwordHash = passwordHash;
        person.roles = List.copyOf(roles);
        person.registeredAt = now;
        var event = MembershipEvents.PERSON_REGISTERED.of(person.id,
                new PersonRegistered(person.id, person.email, person.fullName, person.locale));
        return new Registration(person, List.of(event));
    }

    /**
     * Forgets who this was: name and email are replaced, the password removed (nobody can sign in as them again);
     * the id stays so records that must be kept (the share register) remain consistent.
     */
    List<DomainEvent<?>> erase(List<String> dependantIds, Instant now) {
        email = "erased-" + id + "@erased.invalid";
        emailKey = email;
        fullName = "—";
        passwordHash = null;
        roles = List.of();
        erasedAt = now;
        return List.of(MembershipEvents.PERSON_ERASED.of(id, new MembershipEvents.PersonErased(id, List.copyOf(dependantIds))));
    }

    boolean erased() {
        return erasedAt != null;
    }

    Instant registeredAt() {
        return registeredAt;
    }

    static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
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
}
