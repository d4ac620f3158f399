package coop.izek.support.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import coop.izek.testsupport.IntegrationTest;
import coop.izek.testsupport.TestTokens;

/** Retries under an {@code Idempotency-Key} against a write that would otherwise book again on every call. */
@IntegrationTest
class IdempotencyKeyIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SampleBookings bookings;

    final HttpClient http = HttpClient.newHttpClient();
    final String workshop = "w-" + UUID.randomUUID();
    final String person = TestTokens.forPerson("p-" + UUID.randomUUID());

    @AfterEach
    void release() {
        SampleBookings.hold = new CountDownLatch(0);
    }

    @Test
    void shouldAnswerARetryWithTheFirstAnswerAndBookOnce() throws Exception {
        var key = UUID.randomUUID().toString();

        var first = book(person, "\"" + key + "\"", "{\"seat\":\"A1\"}");
        var retry = book(person, "\"" + key + "\"", "{\"seat\":\"A1\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(bookings.count(workshop)).isEqualTo(1);
    }

    @Test
    void shouldBookAgainWithoutAKeyOrWithANewOne() throws Exception {
        book(person, null, "{\"seat\":\"A1\"}");
        book(person, null, "{\"seat\":\"A1\"}");
        book(person, UUID.randomUUID().toString(), "{\"seat\":\"A1\"}");
        book(person, UUID.randomUUID().toString(), "{\"seat\":\"A1\"}");

        assertThat(bookings.count(workshop)).isEqualTo(4);
    }

    @Test
    void shouldRefuseTheSameKeyForAnotherRequestWith422() throws Exception {
        var key = UUID.randomUUID().toString();
        book(person, key, "{\"seat\":\"A1\"}");

        var otherBody = book(person, key, "{\"seat\":\"B7\"}");

        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(otherBody.body()).contains("/problems/idempotency-key-reused");
        assertThat(bookings.count(workshop)).isEqualTo(1);
    }

    @Test
    void shouldKeepEachCallersKeysApart() throws Exception {
        var key = UUID.randomUUID().toString();
        var other = TestTokens.forPerson("p-" + UUID.randomUUID());

        var mine = book(person, key, "{\"seat\":\"A1\"}");
        var theirs = book(other, key, "{\"seat\":\"A1\"}");

        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.body()).isNotEqualTo(mine.body());
        assertThat(bookings.count(workshop)).isEqualTo(2);
    }

    @Test
    void shouldAnswer409ToARetryWhileTheFirstStillRunsAndTheFirstAnswerAfterIt() throws Exception {
        var key = UUID.randomUUID().toString();
        SampleBookings.hold = new CountDownLatch(1);
        SampleBookings.entered = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> book(person, key, "{\"seat\":\"A1\"}"));
        assertThat(SampleBookings.entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first is being handled").isTrue();

        var meanwhile = book(person, key, "{\"seat\":\"A1\"}");
        SampleBookings.hold.countDown();
        var after = first.get();
        var retry = book(person, key, "{\"seat\":\"A1\"}");

        assertThat(meanwhile.statusCode()).isEqualTo(409);
        assertThat(meanwhile.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(meanwhile.body()).contains("/problems/request-in-progress");
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(after.body());
        assertThat(bookings.count(workshop)).isEqualTo(1);
    }

    @Test
    void shouldRunOnceWhenManyRetriesRaceWithOneKey() throws Exception {
        var key = UUID.randomUUID().toString();
        var racing = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> book(person, key, "{\"seat\":\"A1\"}"))).toList();

        var answers = racing.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).extracting(HttpResponse::body).containsOnly(
                answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow().body());
        assertThat(bookings.count(workshop)).isEqualTo(1);
    }

    @Test
    void shouldLetARetryRunAgainAfterAServerError() throws Exception {
        var key = UUID.randomUUID().toString();

        var failed = book(person, key, "{\"seat\":\"broken\"}");
        var retried = book(person, key, "{\"seat\":\"broken\"}");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(500);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(bookings.count(workshop)).isEqualTo(2);
    }

    @Test
    void shouldRefuseAKeyThatIsNotAString() throws Exception {
        var tooLong = book(person, "k".repeat(256), "{\"seat\":\"A1\"}");
        var empty = book(person, "\"\"", "{\"seat\":\"A1\"}");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("/problems/idempotency-key");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(bookings.count(workshop)).isZero();
    }

    @Test
    void shouldCheckTheTokenBeforeAnyStoredAnswer() throws Exception {
        var key = UUID.randomUUID().toString();
        book(person, key, "{\"seat\":\"A1\"}");

        var anonymous = book(null, key, "{\"seat\":\"A1\"}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> book(String token, String key, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/samples/bookings/" + workshop))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
