package coop.izek.membership.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import coop.izek.events.DomainEvent;
import coop.izek.events.MembershipEvents;
import coop.izek.support.outbox.Outbox;
import coop.izek.support.outbox.OutboxEvent;
import coop.izek.support.secrets.Secrets;
import coop.izek.support.secrets.SignedLinks;
import coop.izek.support.web.ProblemException;

/**
 * Accounts: registering (answered alike whether or not the address has an account), verifying the address, signing
 * in, changing and resetting the password, and erasure. Every one-time step is a conditional single-document write
 * that carries its event, so a link works once however often it is clicked, and at most one mail goes per interval.
 */
@Service
public class Accounts {

    static final String VERIFY_EMAIL = "verify-email";
    static final String RESET_PASSWORD = "reset-password";
    static final Duration VERIFICATION_VALID = Duration.ofHours(48);
    static final Duration RESET_VALID = Duration.ofHours(1);
    /** At most one verification or reset mail per account this often, however often it is asked for. */
    static final Duration RESEND_AFTER = Duration.ofMinutes(2);
    /** An account's owner hears at most this often that someone tried to register with their address. */
    static final Duration NOTICE_AFTER = Duration.ofHours(1);

    /** What a verification link did. */
    public record Verification(String personId, String locale, boolean alreadyVerified) {
    }

    // A real hash of a throw-away password: unknown emails cost the same time as wrong passwords.
    private final String decoyHash;

    private final People people;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final SignedLinks links;
    private final Clock clock;

    Accounts(People people, MongoTemplate mongo, Outbox outbox, PasswordEncoder passwords, Tokens tokens, LoginThrottle throttle,
             SignedLinks links, Clock clock) {
        this.people = people;
        this.mongo = mongo;
        this.outbox = outbox;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.links = links;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-never-used-1");
    }

    /**
     * Creates an account waiting for its address to be verified, or, if the address has one, tells its owner (a
     * verified account) or sends the verification again (an unverified one). The caller cannot tell which happened:
     * the answer, and the work done (one password hash), are the same.
     */
    public void register(String email, String password, String fullName, String locale) {
        var chosenLocale = locale == null ? Person.DEFAULT_LOCALE : locale.toLowerCase(Locale.ROOT);
        if (!Person.LOCALES.contains(chosenLocale)) {
            throw ProblemException.ruleViolated("unsupported-locale", "Locale must be one of tr, en, pl.");
        }
        PasswordPolicy.check("password", password, email);
        var hash = passwords.encode(password);
        var existing = people.findByEmailKey(Person.emailKey(email));
        if (existing.isPresent()) {
            remindOwner(existing.get());
            return;
        }
        var now = clock.instant();
        var registration = Person.register(email, fullName, chosenLocale, hash,
                new Person.Challenge(Person.newNonce(), now.plus(VERIFICATION_VALID), now), now);
        try {
            outbox.insert(registration.person(), registration.events());
        } catch (DuplicateKeyException raced) {
            people.findByEmailKey(Person.emailKey(email)).ifPresent(this::remindOwner);
        }
    }

    /** The staff account the operator configures (IZEK_ADMIN_*): verified from the start. */
    void createStaff(String email, String password, String fullName) {
        PasswordPolicy.check("password", password, email);
        var registration = Person.staff(email, fullName, passwords.encode(password), clock.instant());
        outbox.insert(registration.person(), registration.events());
    }

    /**
     * A demo person (./izek up --demo) under a fixed id, signed in with the demo password; without one, with a random
     * password nobody knows (a password reset by email opens the account). Nothing happens if the id exists.
     */
    public void createDemoPerson(String id, String email, String fullName, String locale, String password) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(id)), Person.class)) {
            return;
        }
        var chosen = password == null || password.isBlank() ? Secrets.newMasterKey() : password;
        var registration = Person.demo(id, email, fullName, locale, passwords.encode(chosen), clock.instant());
        try {
            outbox.insert(registration.person(), registration.events());
        } catch (DuplicateKeyException anotherInstanceDidIt) {
            // created once, by whichever instance came first
        }
    }

    private void remindOwner(Person person) {
        if (person.erased()) {
            return;
        }
        if (!person.emailVerified()) {
            sendVerification(person.id());
            return;
        }
        var now = clock.instant();
        var due = new Criteria().orOperator(Criteria.where("registrationNoticeAt").isNull(),
                Criteria.where("registrationNoticeAt").lt(now.minus(NOTICE_AFTER)));
        writeWithEvent(Criteria.where("_id").is(person.id()).andOperator(due), new Update().set("registrationNoticeAt", now),
                MembershipEvents.REGISTRATION_ATTEMPTED.of(person.id(), new MembershipEvents.RegistrationAttempted(person.id())));
    }

    /**
     * Sends a fresh verification link (the old one stops working), at most once per {@link #RESEND_AFTER}. Returns
     * how long to wait when it is too soon, nothing when a mail is on its way or the address is verified already.
     */
    public Optional<Duration> sendVerification(String personId) {
        var person = people.findById(personId).orElseThrow(() -> ProblemException.notFound("person", personId));
        if (person.emailVerified() || person.erased()) {
            return Optional.empty();
        }
        var now = clock.instant();
        var fresh = new Person.Challenge(Person.newNonce(), now.plus(VERIFICATION_VALID), now);
        var due = new Criteria().orOperator(Criteria.where("verification").isNull(),
                Criteria.where("verification.sentAt").lt(now.minus(RESEND_AFTER)));
        var event = MembershipEvents.EMAIL_VERIFICATION_REQUESTED.of(personId, new MembershipEvents.EmailVerificationRequested(
                personId, person.email(), person.locale(), fresh.nonce(), fresh.expiresAt()));
        if (writeWithEvent(Criteria.where("_id").is(personId).and("emailVerifiedAt").isNull().and("erasedAt").isNull().andOperator(due),
                new Update().set("verification", fresh), event)) {
            return Optional.empty();
        }
        var sent = person.verification() == null ? now : person.verification().sentAt();
        return Optional.of(Duration.between(now, sent.plus(RESEND_AFTER)));
    }

    /** Follows a verification link: once it works, a second click finds the address verified already. */
    public Verification verifyEmail(String token) {
        var now = clock.instant();
        var link = links.verify(token, VERIFY_EMAIL, now).orElseThrow(Accounts::invalidLink);
        var person = people.findById(link.subject()).filter(p -> !p.erased()).orElseThrow(Accounts::invalidLink);
        if (person.emailVerified()) {
            return new Verification(person.id(), person.locale(), true);
        }
        var verified = writeWithEvent(Criteria.where("_id").is(person.id()).and("verification.nonce").is(link.nonce())
                        .and("emailVerifiedAt").isNull().and("erasedAt").isNull(),
                new Update().set("emailVerifiedAt", now).unset("verification"), person.registered());
        if (!verified) {
            var again = people.findById(person.id()).filter(Person::emailVerified);
            if (again.isEmpty()) {
                throw invalidLink();
            }
            return new Verification(person.id(), person.locale(), true);
        }
        return new Verification(person.id(), person.locale(), false);
    }

    /** Mails a reset link to a verified account's owner; nothing happens for unknown addresses, and the caller cannot tell. */
    public void requestPasswordReset(String email) {
        var person = people.findByEmailKey(Person.emailKey(email)).filter(p -> p.emailVerified() && !p.erased());
        if (person.isEmpty()) {
            return;
        }
        var id = person.get().id();
        var now = clock.instant();
        var fresh = new Person.Challenge(Person.newNonce(), now.plus(RESET_VALID), now);
        var due = new Criteria().orOperator(Criteria.where("passwordReset").isNull(),
                Criteria.where("passwordReset.sentAt").lt(now.minus(RESEND_AFTER)));
        writeWithEvent(Criteria.where("_id").is(id).and("erasedAt").isNull().andOperator(due), new Update().set("passwordReset", fresh),
                MembershipEvents.PASSWORD_RESET_REQUESTED.of(id, new MembershipEvents.PasswordResetRequested(id, fresh.nonce(),
                        fresh.expiresAt())));
    }

    /** Sets a new password through a reset link (once); every older token stops working and a sign-in lock is lifted. */
    public void resetPassword(String token, String newPassword) {
        var now = clock.instant();
        var link = links.verify(token, RESET_PASSWORD, now).orElseThrow(Accounts::invalidLink);
        var person = people.findById(link.subject()).filter(p -> !p.erased()).orElseThrow(Accounts::invalidLink);
        PasswordPolicy.check("newPassword", newPassword, person.email());
        var changed = writeWithEvent(Criteria.where("_id").is(person.id()).and("passwordReset.nonce").is(link.nonce())
                        .and("erasedAt").isNull(),
                new Update().set("passwordHash", passwords.encode(newPassword)).set("passwordChangedAt", now).unset("passwordReset"),
                passwordChanged(person.id(), now, "RESET"));
        if (!changed) {
            throw invalidLink();
        }
        throttle.release(person.emailKey());
    }

    /** The owner changes their password, proving they know the current one (counted like a sign-in attempt). */
    public void changePassword(String personId, String currentPassword, String newPassword, String clientAddress) {
        var person = people.findById(personId).filter(p -> !p.erased()).orElseThrow(() -> ProblemException.notFound("person", personId));
        PasswordPolicy.check("currentPassword", currentPassword, null);
        PasswordPolicy.check("newPassword", newPassword, person.email());
        var attempt = throttle.reserve(person.emailKey(), clientAddress);
        if (person.passwordHash() == null || !passwords.matches(currentPassword, person.passwordHash())) {
            throttle.failed(attempt);
            throw ProblemException.ruleViolated("wrong-password", "The current password is not right.");
        }
        throttle.succeeded(attempt);
        var now = clock.instant();
        var changed = writeWithEvent(Criteria.where("_id").is(personId).and("passwordHash").is(person.passwordHash()),
                new Update().set("passwordHash", passwords.encode(newPassword)).set("passwordChangedAt", now),
                passwordChanged(personId, now, "CHANGED"));
        if (!changed) {
            throw ProblemException.conflict("password-changed-meanwhile", "The password was changed meanwhile; sign in again.");
        }
    }

    /** Signs in with email and password: a token, or 401; 429 while the account or the address is locked. */
    public AccessToken login(String email, String password, String clientAddress) {
        return tokens.issueFor(authenticate(email, password, clientAddress));
    }

    /**
     * Checks the credentials, the one place passwords are verified (the login API and the sign-in page). The attempt
     * is reserved before the hash is compared, so parallel guesses cannot get past the limit.
     */
    Person authenticate(String email, String password, String clientAddress) {
        PasswordPolicy.check("password", password, null);
        var key = Person.emailKey(email);
        var attempt = throttle.reserve(key, clientAddress);
        Optional<Person> person = people.findByEmailKey(key);
        var hash = person.map(Person::passwordHash).filter(h -> h != null).orElse(decoyHash);
        if (!passwords.matches(password, hash) || person.isEmpty()) {
            throttle.failed(attempt);
            throw ProblemException.unauthorized("The email or password is wrong.");
        }
        throttle.succeeded(attempt);
        return person.get();
    }

    /** What the account holds about a person, for their data export. */
    public record Profile(String personId, String email, String fullName, String locale, Instant registeredAt,
                          boolean emailVerified) {
    }

    public Profile profile(String personId) {
        var person = people.findById(personId).orElseThrow(() -> ProblemException.notFound("person", personId));
        return new Profile(person.id(), person.email(), person.fullName(), person.locale(), person.registeredAt(),
                person.emailVerified());
    }

    /**
     * Anonymises the account and announces the erasure in the same write, dropping whatever events about the person
     * were still waiting to be published (they would only carry what is being forgotten). Asking again is harmless
     * and complete: the erasure is announced again, with the dependants known now, so services forget anything that
     * arrived in between.
     */
    public void erase(String personId, List<String> dependantIds) {
        var person = people.findById(personId).orElseThrow(() -> ProblemException.notFound("person", personId));
        if (!person.erased()) {
            throttle.release(person.emailKey());
        }
        var now = clock.instant();
        var erased = outbox.toOutboxEvent(MembershipEvents.PERSON_ERASED.of(personId,
                new MembershipEvents.PersonErased(personId, List.copyOf(dependantIds))));
        var email = Person.erasedEmail(personId);
        var update = new Update().set("email", email).set("emailKey", email).set("fullName", "—").unset("passwordHash")
                .set("roles", List.of()).unset("verification").unset("passwordReset").unset("registrationNoticeAt");
        if (person.erased()) {
            update.push(OutboxEvent.FIELD, erased);
        } else {
            update.set("erasedAt", now).set(OutboxEvent.FIELD, List.of(erased));
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(personId)), update, Person.class);
        outbox.afterWrite(Person.class, personId);
    }

    /** The person with this address, if they have verified it and are not erased. */
    public Optional<String> verifiedPerson(String email) {
        return people.findByEmailKey(Person.emailKey(email)).filter(p -> p.emailVerified() && !p.erased()).map(Person::id);
    }

    public boolean exists(String email) {
        return people.findByEmailKey(Person.emailKey(email)).isPresent();
    }

    /** Staff make a verified person staff too (a second staff account is how a locked-out one gets help). */
    public void grantStaff(String personId) {
        var granted = mongo.updateFirst(Query.query(Criteria.where("_id").is(personId).and("emailVerifiedAt").ne(null)
                .and("erasedAt").isNull()), new Update().addToSet("roles", Role.ADMIN), Person.class);
        if (granted.getMatchedCount() == 0) {
            throw ProblemException.notFound("verified person", personId);
        }
    }

    /** Staff lift a sign-in lock (the account's; addresses' locks lapse by themselves). */
    public void releaseSignInLock(String email) {
        throttle.release(Person.emailKey(email));
    }

    private DomainEvent<?> passwordChanged(String personId, Instant at, String how) {
        return MembershipEvents.PASSWORD_CHANGED.of(personId, new MembershipEvents.PasswordChanged(personId, at, how));
    }

    /** One conditional write of the person with its event; whether the condition held. */
    private boolean writeWithEvent(Criteria condition, Update update, DomainEvent<?> event) {
        update.push(OutboxEvent.FIELD, outbox.toOutboxEvent(event));
        var written = mongo.findAndModify(Query.query(condition), update, FindAndModifyOptions.options().returnNew(true), Person.class);
        if (written == null) {
            return false;
        }
        outbox.afterWrite(Person.class, written.id());
        return true;
    }

    private static ProblemException invalidLink() {
        return ProblemException.ruleViolated("link-invalid", "This link is not valid (any more): it expired, was used, "
                + "or a newer one was sent. Ask for a new one.");
    }
}
