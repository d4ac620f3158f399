package coop.izek.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.mongodb.client.model.Filters;

import coop.izek.support.secrets.SignedLinks;

/** Calls membership-service's API as the tests' people do. */
public final class Api {

    public static final String PASSWORD = "Correct-horse-42";

    private final RestTestClient client;
    private final MongoTemplate mongo;
    private final SignedLinks links;
    private String adminToken;

    public Api(int port, ApplicationContext context) {
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        this.mongo = context.getBean(MongoTemplate.class);
        this.links = context.getBean(SignedLinks.class);
    }

    public RestTestClient client() {
        return client;
    }

    /** Registers a new person, follows the verification link as they would, and returns their id. */
    public String register(String email, String fullName) {
        var id = registerUnverified(email, fullName);
        client.post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("token", verificationToken(id))).exchange().expectStatus().isOk();
        return id;
    }

    /** Registers a new person who has not followed their verification link; returns their id. */
    public String registerUnverified(String email, String fullName) {
        client.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", PASSWORD, "fullName", fullName, "locale", "tr"))
                .exchange().expectStatus().isAccepted();
        return personIdOf(email);
    }

    public String personIdOf(String email) {
        var person = mongo.getCollection("people").find(Filters.eq("emailKey", email.toLowerCase())).first();
        assertThat(person).as("account of %s", email).isNotNull();
        return person.getString("_id");
    }

    /**
     * The token of the link in the person's current verification mail, signed as notification-service signs it from the
     * nonce the store holds (tests of the mail itself read it from the event).
     */
    public String verificationToken(String personId) {
        return linkToken(personId, "verification", "verify-email");
    }

    public String resetToken(String personId) {
        return linkToken(personId, "passwordReset", "reset-password");
    }

    private String linkToken(String personId, String field, String purpose) {
        var person = mongo.getCollection("people").find(Filters.eq("_id", personId)).first();
        var challenge = person.get(field, org.bson.Document.class);
        assertThat(challenge).as("%s of %s", field, personId).isNotNull();
        return links.sign(purpose, personId, challenge.getString("nonce"), challenge.getDate("expiresAt").toInstant());
    }

    /**
     * Signs in as a person coming through the gateway from an address of their own (each call another), so the
     * tests' many sign-ins do not all count against one address's limit.
     */
    public String token(String email, String password) {
        return (String) client.post().uri("/api/auth/login").header("X-Forwarded-For", nextAddress())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    /** Staff's token, signed in once per test (as a staff member's browser would), however many threads ask. */
    public synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = token(MembershipIntegrationTest.ADMIN_EMAIL, MembershipIntegrationTest.ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /** A partner organisation registered by staff; its id. */
    public String registerOrganisation(String name) {
        return (String) client.post().uri("/api/membership/organisations")
                .header("Authorization", "Bearer " + adminToken()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "country", "PL", "type", "CLUSTER", "contactEmail", "office@example.pl"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organisationId");
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

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    /** A client address of its own for a test's request (10.77.0.0/16, which no test counts on). */
    public static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + ((n >> 8) & 0xff) + "." + (n & 0xff);
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
