package coop.izek.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import coop.izek.testsupport.TestTokens;

/**
 * Budgets per client and, on sign-in and the like, per address (this gateway's memory; the test limits are small).
 * Loopback is a trusted proxy here, so each test comes from an address of its own ({@code X-Forwarded-For}).
 */
@TestPropertySource(properties = "izek.gateway.limits.trusted-proxies=198.51.100.7,127.0.0.0/8")
class RateLimitIntegrationTest extends GatewayTest {

    private static final AtomicInteger LAST_ADDRESS = new AtomicInteger(10);

    /** A client address no other call has used (random ones collided: two sign-ins from "other" addresses shared a budget). */
    private static String address() {
        return "203.0.113.9," + "198.51.100." + LAST_ADDRESS.incrementAndGet();
    }

    @Test
    void shouldHoldAClientToItsBudgetAndSayWhereItStands() {
        var bearer = "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString());
        for (int i = 1; i <= 20; i++) {
            int remaining = 20 - i;
            client().get().uri("/api/workshops").header("Authorization", bearer).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("RateLimit-Limit", "20")
                    .expectHeader().valueEquals("RateLimit-Remaining", Integer.toString(remaining))
                    .expectHeader().value("RateLimit-Reset", reset -> assertThat(Long.parseLong(reset)).isBetween(1L, 60L))
                    .expectHeader().valueEquals("RateLimit-Policy", "20;w=60");
        }
        int served = SERVICES.get("workshop").requests();
        client().get().uri("/api/workshops").header("Authorization", bearer).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", after -> assertThat(Long.parseLong(after)).isBetween(1L, 60L))
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rate-limited");
        assertThat(SERVICES.get("workshop").requests()).isEqualTo(served);
        // Another client has its own budget.
        client().get().uri("/api/workshops").header("Authorization", "Bearer " + TestTokens.forPerson(UUID.randomUUID().toString()))
                .exchange().expectStatus().isOk();
    }

    @Test
    void shouldHoldSignInToAStricterBudgetPerAddress() {
        var from = address();
        for (int i = 0; i < 5; i++) {
            client().post().uri("/api/auth/login").header("X-Forwarded-For", from).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "a@b.c")).exchange().expectStatus().isOk();
        }
        client().post().uri("/api/auth/login").header("X-Forwarded-For", from).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "a@b.c")).exchange()
                .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After")
                .expectHeader().valueEquals("RateLimit-Limit", "5");
        // Other paths from the same address are not held by the sign-in budget, nor is another address.
        client().get().uri("/api/workshops").header("X-Forwarded-For", from).exchange().expectStatus().isOk();
        client().post().uri("/api/auth/login").header("X-Forwarded-For", address()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "a@b.c")).exchange().expectStatus().isOk();
    }

    @Test
    void shouldCountAnswersFromTheCacheAgainstTheAddressesBudget() {
        var from = address();
        var path = "/api/workshops/" + UUID.randomUUID() + "?cache-control=public,max-age=60";
        int served = SERVICES.get("workshop").requests();
        client().get().uri(path).header("X-Forwarded-For", from).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("RateLimit-Remaining", "1999");
        client().get().uri(path).header("X-Forwarded-For", from).exchange().expectStatus().isOk()
                .expectHeader().exists("Age")
                .expectHeader().valueEquals("RateLimit-Remaining", "1998");
        assertThat(SERVICES.get("workshop").requests()).as("reads that reached the service").isEqualTo(served + 1);
    }

    @Test
    void shouldTakeTheClientAddressFromATrustedProxyOnly() {
        var from = address();
        var client = from.substring(from.lastIndexOf(',') + 1);
        @SuppressWarnings("unchecked")
        var seen = (Map<String, String>) client().get().uri("/api/workshops").header("X-Forwarded-For", from).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("headers");
        var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(seen);
        assertThat(headers.get("X-Forwarded-For")).isEqualTo(client);
    }
}
