package coop.izek.membership.identity;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import coop.izek.support.outbox.Outbox;
import coop.izek.support.web.ProblemException;

/** Registering accounts and signing in. */
@Service
public class Accounts {

    // A real hash of a throw-away password: unknown emails cost the same time as wrong passwords.
    private final String decoyHash;

    private final People people;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Tokens tokens;
    private final LoginThrottle throttle;
    private final Clock clock;

    Accounts(People people, Outbox outbox, PasswordEncoder passwords, Tokens tokens, LoginThrottle throttle, Clock clock) {
        this.people = people;
        this.outbox = outbox;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-never-used-1");
    }

    /** Creates an account; 409 if the email (in any case) has one, 422 if the password is too weak. */
    public String register(String email, String password, String fullName, String locale, List<Role> roles) {
        var chosenLocale = locale == null ? Person.DEFAULT_LOCALE : locale.toLowerCase(Locale.ROOT);
        if (!Person.LOCALES.contains(chosenLocale)) {
            throw ProblemException.ruleViolated("unsupported-locale", "Locale must be one of tr, en, pl.");
        }
        PasswordPolicy.check(password, email);
        if (people.findByEmailKey(Person.emailKey(email)).isPresent()) {
            throw emailTaken();
        }
        var registration = Person.register(email, fullName, chosenLocale, passwords.encode(password), roles, clock.instant());
        try {
            outbox.insert(registration.person(), registration.events());
        } catch (DuplicateKeyException raced) {
            throw emailTaken();
        }
        return registration.person().id();
    }

    /** Signs in with email and password: a token, or 401; 429 while the account is locked after repeated failures. */
    public AccessToken login(String email, String password) {
        return tokens.issueFor(authenticate(email, password));
    }

    /** Checks the credentials (throttled); the one place passwords are verified, for the API and the login page. */
    Person authenticate(String email, String password) {
        var key = Person.emailKey(email);
        throttle.checkAllowed(key);
        Optional<Person> person = people.findByEmailKey(key);
        var hash = person.map(Person::passwordHash).filter(h -> h != null).orElse(decoyHash);
        if (!passwords.matches(password, hash) || person.isEmpty()) {
            throttle.failed(key);
            throw ProblemException.unauthorized("The email or password is wrong.");
        }
        throttle.succeeded(key);
        return person.get();
    }

    /** What the account holds about a person, for their data export. */
    public record Profile(String personId, String email, String fullName, String locale, java.time.Instant registeredAt) {
    }

    public Profile profile(String personId) {
        var person = people.findById(personId).orElseThrow(() -> ProblemException.notFound("person", personId));
        return new Profile(person.id(), person.email(), person.fullName(), person.locale(), person.registeredAt());
    }

    /** Anonymises the account and announces the erasure in the same write; erasing twice changes nothing more. */
    public void erase(String personId, List<String> dependantIds) {
        var person = people.findById(personId).orElseThrow(() -> ProblemException.notFound("person", personId));
        if (person.erased()) {
            return;
        }
        outbox.save(person, person.erase(dependantIds, clock.instant()));
    }

    public boolean exists(String email) {
        return people.findByEmailKey(Person.emailKey(email)).isPresent();
    }

    private static ProblemException emailTaken() {
        return ProblemException.conflict("email-taken", "An account with this email exists already.");
    }
}
