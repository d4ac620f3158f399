package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.nimbusds.jwt.SignedJWT;

import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.TestClock;

@MembershipIntegrationTest
class SignInThrottleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TestClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, context);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** The attempt is reserved before the hash is compared: twenty parallel guesses get five answers, not twenty. */
    @Test
    void shouldStopParallelGuessesAtTheLimit() throws Exception {
        var person = api.newPerson("Guessed Person");
        var guesses = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 20; i++) {
            var address = "198.51.100." + (i + 1);
            guesses.add(() -> login(person.email(), "Wrong-password-x", address).returnResult().getStatus().value());
        }
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (var result : pool.invokeAll(guesses)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(LoginThrottle.ACCOUNT_ATTEMPTS);
        login(person.email(), Api.PASSWORD, "198.51.100.99").expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-sign-in-attempts")
                .jsonPath("$.retryAfterSeconds").value(seconds -> assertThat((Integer) seconds).isBetween(1, 60));
    }

    /** Failures fade: a few mistakes a day never add up to a lock. */
    @Test
    void shouldForgetFailuresOnceTheirWindowHasPassed() {
        var person = api.newPerson("Forgetful Person");
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < LoginThrottle.ACCOUNT_ATTEMPTS - 1; i++) {
                login(person.email(), "Wrong-password-" + i, "192.0.2.10").expectStatus().isUnauthorized();
            }
            clock.advance(LoginThrottle.WINDOW.plusMinutes(1));
        }

        login(person.email(), Api.PASSWORD, "192.0.2.10").expectStatus().isOk();
    }

    @Test
    void shouldLockForLongerOnRepeatedLocksAndOpenWhenTheLockEnds() {
        var person = api.newPerson("Repeatedly Locked");
        lockOut(person.email(), "192.0.2.20");
        login(person.email(), Api.PASSWORD, "192.0.2.20").expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "60");

        clock.advance(Duration.ofSeconds(61));
        lockOut(person.email(), "192.0.2.20");
        login(person.email(), Api.PASSWORD, "192.0.2.20").expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "120");

        clock.advance(Duration.ofSeconds(121));
        login(person.email(), Api.PASSWORD, "192.0.2.20").expectStatus().isOk();
    }

    /** One address guessing across many accounts is stopped too, and only that address. */
    @Test
    void shouldThrottleOneAddressAcrossManyAccounts() {
        var address = "203.0.113.1";
        for (int i = 0; i < LoginThrottle.ADDRESS_ATTEMPTS; i++) {
            login("nobody-" + UUID.randomUUID() + "@example.org", "Wrong-password-1", address).expectStatus().isUnauthorized();
        }

        login("nobody-" + UUID.randomUUID() + "@example.org", "Wrong-password-1", address).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("network address"));
        var person = api.newPerson("Elsewhere");
        login(person.email(), Api.PASSWORD, "203.0.113.250").expectStatus().isOk();
    }

    /** A client cannot claim another address: only what the trusted proxy (the gateway) appended last counts. */
    @Test
    void shouldCountTheAddressTheGatewaySawNotOneTheClientWrote() {
        var address = "203.0.113.251";
        for (int i = 0; i < LoginThrottle.ADDRESS_ATTEMPTS; i++) {
            login("nobody-" + UUID.randomUUID() + "@example.org", "Wrong-password-1", "10.9.9." + i + ", " + address)
                    .expectStatus().isUnauthorized();
        }
        login("nobody-" + UUID.randomUUID() + "@example.org", "Wrong-password-1", "10.9.9.200, " + address)
                .expectStatus().isEqualTo(429);
    }

    @Test
    void shouldLetStaffLiftALockWithoutTouchingTheStore() {
        var person = api.newPerson("Locked Educator");
        lockOut(person.email(), "192.0.2.30");

        api.client().post().uri("/api/membership/admin/sign-in-locks/release").header("Authorization", "Bearer " + api.adminToken())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("email", person.email())).exchange().expectStatus().isNoContent();

        login(person.email(), Api.PASSWORD, "192.0.2.30").expectStatus().isOk();
        api.client().post().uri("/api/membership/admin/sign-in-locks/release").header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("email", person.email())).exchange().expectStatus().isForbidden();
    }

    @Test
    void shouldLiftALockWhenThePasswordIsResetByEmail() {
        var person = api.newPerson("Locked Parent");
        lockOut(person.email(), "192.0.2.40");
        api.client().post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON).body(Map.of("email", person.email()))
                .exchange().expectStatus().isAccepted();

        api.client().post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", api.resetToken(person.id()), "newPassword", "Yepyeni-parola-7")).exchange()
                .expectStatus().isNoContent();

        login(person.email(), "Yepyeni-parola-7", "192.0.2.40").expectStatus().isOk();
    }

    /** With the only staff account locked, a second staff member can help: staff can make another verified person staff. */
    @Test
    void shouldLetStaffMakeAnotherVerifiedPersonStaff() throws Exception {
        var person = api.newPerson("Second Staff");
        api.client().post().uri("/api/membership/admin/staff").header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("personId", person.id())).exchange().expectStatus().isForbidden();

        api.client().post().uri("/api/membership/admin/staff").header("Authorization", "Bearer " + api.adminToken())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("personId", person.id())).exchange().expectStatus().isNoContent();

        var token = api.token(person.email(), Api.PASSWORD);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles")).contains("ADMIN");
    }

    @Test
    void shouldKeepNeitherEmailsNorAddressesInTheThrottleRecords() {
        var person = api.newPerson("Private Person");
        login(person.email(), "Wrong-password-1", "192.0.2.77").expectStatus().isUnauthorized();

        var records = mongo.getCollection(LoginThrottle.COLLECTION).find().into(new ArrayList<>()).toString();
        assertThat(records).doesNotContain(person.email()).doesNotContain(person.email().toLowerCase()).doesNotContain("192.0.2.77");
    }

    private void lockOut(String email, String address) {
        for (int i = 0; i < LoginThrottle.ACCOUNT_ATTEMPTS; i++) {
            login(email, "Wrong-password-" + i, address).expectStatus().isUnauthorized();
        }
    }

    private RestTestClient.ResponseSpec login(String email, String password, String forwardedFor) {
        return api.client().post().uri("/api/auth/login").header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email, "password", password)).exchange();
    }

}
