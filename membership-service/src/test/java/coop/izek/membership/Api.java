package coop.izek.membership;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Calls membership-service's API as the tests' people do. */
public final class Api {

    public static final String PASSWORD = "Correct-horse-42";

    private final RestTestClient client;

    public Api(int port) {
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    public RestTestClient client() {
        return client;
    }

    /** Registers a new person and returns their id. */
    public String register(String email, String fullName) {
        return (String) client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", PASSWORD, "fullName", fullName, "locale", "tr"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("personId");
    }

    public String token(String email, String password) {
        return (String) client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    public String adminToken() {
        return token(MembershipIntegrationTest.ADMIN_EMAIL, MembershipIntegrationTest.ADMIN_PASSWORD);
    }

    /** A fresh person with an account, and their token. */
    public Person newPerson(String name) {
        var email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var id = register(email, name);
        return new Person(id, email, token(email, PASSWORD));
    }

    public record Person(String id, String email, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Applies for membership with the current principles; returns the application id. */
    @SuppressWarnings("unchecked")
    public String apply(Person person, String memberType, List<String> expertise) {
        var version = (Integer) client.get().uri("/api/membership/principles/current").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("version");
        return (String) client.post().uri("/api/membership/applications").header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("memberType", memberType, "expertise", expertise, "motivation", "Çocuklarla robotik atölyeleri yapmak istiyorum.",
                        "acceptedPrinciplesVersion", version, "dataProcessingConsent", true))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    /** Staff approve; returns {status, memberId, memberNumber}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> approve(String applicationId) {
        return client.post().uri("/api/membership/applications/{id}/decision", applicationId)
                .header("Authorization", "Bearer " + adminToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "APPROVE"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    public RestTestClient.ResponseSpec pay(String memberId, int shares, String amount, String reference) {
        return client.post().uri("/api/membership/members/{id}/share-payments", memberId)
                .header("Authorization", "Bearer " + adminToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("shares", shares, "amount", Map.of("amount", amount, "currency", "TRY"),
                        "paidOn", java.time.LocalDate.now().minusDays(1).toString(), "reference", reference))
                .exchange();
    }

    /** A person who applied, was approved and paid one share: an ACTIVE member, with a fresh token carrying the roles. */
    public Member activeMember(String name, String memberType) {
        var person = newPerson(name);
        var decision = approve(apply(person, memberType, memberType.equals("EDUCATOR") ? List.of("STEM") : List.of()));
        var memberId = (String) decision.get("memberId");
        pay(memberId, 1, "100.00", unique("receipt")).expectStatus().isCreated();
        return new Member(memberId, (String) decision.get("memberNumber"), new Person(person.id(), person.email(),
                token(person.email(), PASSWORD)));
    }

    public record Member(String id, String number, Person person) {
        public String bearer() {
            return person.bearer();
        }
    }
}
