package coop.izek.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import coop.izek.testsupport.TestTokens;

/**
 * The gateway's cache of public answers, counted at the service's stand-in: what reaches the service is what the cache
 * did not answer. Each test reads paths of its own, since the cache outlives a test.
 */
class PublicCacheIntegrationTest extends GatewayTest {

    private static final String PUBLIC_FOR_A_SECOND = "?cache-control=public,max-age=1";

    @Test
    void shouldAnswerRepeatedAnonymousReadsOfAPublicAnswerFromTheCacheUntilItsMaxAge() {
        var workshop = SERVICES.get("workshop");
        var path = "/api/workshops/" + UUID.randomUUID() + PUBLIC_FOR_A_SECOND;

        var first = read(path, "first-read-0001");
        for (int i = 0; i < 5; i++) {
            var again = read(path, "later-read-000" + i);
            assertThat(again.getResponseBody()).as("the first answer, the service's own").isEqualTo(first.getResponseBody());
            assertThat(again.getResponseHeaders().getFirst("Age")).isNotNull();
            assertThat(again.getResponseHeaders().getFirst("Cache-Control")).isEqualTo("public,max-age=1");
            assertThat(again.getResponseHeaders().getFirst("X-Request-Id")).as("each answer's own request id").isEqualTo("later-read-000" + i);
        }
        assertThat(workshop.requests.get()).as("reads that reached the service").isEqualTo(1);

        // Once its second is over, the next read goes to the service again.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            read(path, "after-max-age-01");
            return workshop.requests.get() == 2;
        });
    }

    @Test
    void shouldNeverAnswerASignedInReadFromTheCache() {
        var workshop = SERVICES.get("workshop");
        var path = "/api/workshops/" + UUID.randomUUID() + PUBLIC_FOR_A_SECOND.replace("1", "60");
        read(path, "anonymous-read-01");

        for (int i = 0; i < 3; i++) {
            client().get().uri(path).header("Authorization", "Bearer " + TestTokens.forPerson("p-1")).exchange()
                    .expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).contains("Bearer "));
        }
        client().get().uri(path).header("Cookie", "SESSION=abc").exchange().expectStatus().isOk();
        assertThat(workshop.requests.get()).as("reads that reached the service").isEqualTo(5);
    }

    @Test
    void shouldPassOnEveryReadOfWhatItsServiceDoesNotDeclarePublic() {
        var workshop = SERVICES.get("workshop");
        var id = UUID.randomUUID();
        var notPublic = new String[] {"", "?cache-control=max-age=60", "?cache-control=private,max-age=60",
                "?cache-control=public,no-store,max-age=60", "?cache-control=public,max-age=0",
                "?cache-control=public,max-age=60&vary=Cookie", "?cache-control=public,max-age=60&vary=*"};
        for (var query : notPublic) {
            read("/api/workshops/" + id + query, "not-public-read-1");
            read("/api/workshops/" + id + query, "not-public-read-2");
        }
        assertThat(workshop.requests.get()).as("reads that reached the service").isEqualTo(notPublic.length * 2);
    }

    @Test
    void shouldGoToTheServiceWhenTheReaderAsksForAFreshAnswer() {
        var workshop = SERVICES.get("workshop");
        var path = "/api/workshops/" + UUID.randomUUID() + "?cache-control=public,max-age=60";
        read(path, "priming-read-0001");

        client().get().uri(path).header("Cache-Control", "no-cache").exchange().expectStatus().isOk();
        client().get().uri(path).header("Cache-Control", "max-age=0").exchange().expectStatus().isOk();
        assertThat(workshop.requests.get()).as("reads that reached the service").isEqualTo(3);
        read(path, "cached-read-00001");
        assertThat(workshop.requests.get()).as("the fresh answer kept again").isEqualTo(3);
    }

    @Test
    void shouldKeepAnswersApartByWhatTheyVaryOn() {
        var workshop = SERVICES.get("workshop");
        var path = "/api/workshops/" + UUID.randomUUID() + "?cache-control=public,max-age=60&vary=Accept-Language";
        client().get().uri(path).header("Accept-Language", "tr").exchange().expectStatus().isOk();
        client().get().uri(path).header("Accept-Language", "pl").exchange().expectStatus().isOk();
        client().get().uri(path).header("Accept-Language", "tr").exchange().expectStatus().isOk();
        assertThat(workshop.requests.get()).as("reads that reached the service").isEqualTo(2);
    }

    @Test
    void shouldKeepAnswersApartByTheHostTheyWereAskedOf() {
        // membership-service hears the Host (it builds its links from it), as its stand-in here does.
        var membership = SERVICES.get("membership");
        var path = "/api/membership/" + UUID.randomUUID() + "?cache-control=public,max-age=60";
        client().get().uri(path).header("Host", "evil.example").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("evil.example"));
        client().get().uri(path).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("evil.example"));
        assertThat(membership.requests.get()).as("reads that reached the service").isEqualTo(2);
    }

    private EntityExchangeResult<String> read(String path, String requestId) {
        return client().get().uri(path).header("X-Request-Id", requestId).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
    }
}
