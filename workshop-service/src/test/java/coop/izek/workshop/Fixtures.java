package coop.izek.workshop;

import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.TestTokens;
import coop.izek.workshop.directory.Directory;

/** People, members and children as membership-service would announce them, and workshops made through the API. */
public final class Fixtures {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private final RestTestClient client;
    private final Directory directory;

    public Fixtures(int port, Directory directory) {
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        this.directory = directory;
    }

    public RestTestClient client() {
        return client;
    }

    public record Person(String id, String bearer) {
    }

    public Person person() {
        var id = UUID.randomUUID().toString();
        return new Person(id, "Bearer " + TestTokens.forPerson(id));
    }

    /** A registered person with a name, as membership-service announced them. */
    public Person person(String fullName) {
        var person = person();
        EventContracts.publish(MembershipEvents.PERSON_REGISTERED, person.id(), Map.of("personId", person.id(),
                "email", person.id() + "@izek.test", "fullName", fullName));
        await().until(() -> directory.fullName(person.id()).isPresent());
        return person;
    }

    /** Cooperative staff. */
    public Person staff() {
        var id = UUID.randomUUID().toString();
        return new Person(id, "Bearer " + TestTokens.forPerson(id, "ADMIN"));
    }

    /** A person membership-service reported as an ACTIVE member of the given type, known to the directory. */
    public Person member(String memberType) {
        var person = person();
        var roles = memberType.equals("EDUCATOR") ? new String[] {"MEMBER", "EDUCATOR"} : new String[] {"MEMBER"};
        var memberId = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, memberId, Map.of("memberId", memberId, "personId", person.id(),
                "memberType", memberType));
        await().until(() -> directory.member(person.id()).filter(Directory.Member::isActive).isPresent());
        return new Person(person.id(), "Bearer " + TestTokens.forPerson(person.id(), roles));
    }

    /** A child of {@code guardian}, {@code age} years old on the first session of a workshop about two weeks from now. */
    public String child(Person guardian, int age) {
        return child(guardian, age, "Çocuk " + age);
    }

    public String child(Person guardian, int age, String fullName) {
        var id = UUID.randomUUID().toString();
        var birthDate = LocalDate.now(ISTANBUL).plusDays(14).minusYears(age).minusDays(30);
        EventContracts.publish(MembershipEvents.DEPENDANT_ADDED, guardian.id(), Map.of("dependantId", id, "guardianId", guardian.id(),
                "fullName", fullName, "birthDate", birthDate.toString()));
        await().until(() -> directory.dependant(id).isPresent());
        return id;
    }

    /** A workshop body with sensible defaults; {@code overrides} replace or add fields. */
    public static Map<String, Object> workshop(Map<String, Object> overrides) {
        var start = OffsetDateTime.now(ISTANBUL).plusDays(14).withHour(10).withMinute(0).withSecond(0).withNano(0);
        var body = new HashMap<String, Object>();
        body.put("title", Map.of("tr", "Robotik Atölyesi", "en", "Robotics Workshop"));
        body.put("description", Map.of("tr", "Arduino ile robot yapıyoruz."));
        body.put("category", "STEM");
        body.put("targetGroups", List.of("CHILDREN", "PARENTS"));
        body.put("minAge", 7);
        body.put("maxAge", 12);
        body.put("language", "tr");
        body.put("venue", Map.of("name", "Karşıyaka Kültür Merkezi", "district", "Karşıyaka", "city", "İzmir"));
        body.put("sessions", List.of(Map.of("start", start.toString(), "end", start.plusHours(2).toString()),
                Map.of("start", start.plusDays(7).toString(), "end", start.plusDays(7).plusHours(2).toString())));
        body.put("capacity", 12);
        body.put("price", Map.of("amount", "400.00", "currency", "TRY"));
        body.put("memberPrice", Map.of("amount", "300.00", "currency", "TRY"));
        body.put("solidaritySeats", 2);
        body.putAll(overrides);
        return body;
    }

    /** Overrides for a workshop for adults (the defaults are for children with their parents). */
    public static Map<String, Object> forAdults(Map<String, Object> overrides) {
        var body = new HashMap<String, Object>(Map.of("targetGroups", List.of("ADULTS"), "minAge", 18, "maxAge", 99));
        body.putAll(overrides);
        return body;
    }

    public RestTestClient.ResponseSpec create(Person educator, Map<String, Object> body) {
        return client.post().uri("/api/workshops").header("Authorization", educator.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    /** Creates and publishes; returns the id. */
    @SuppressWarnings("unchecked")
    public String published(Person educator, Map<String, Object> overrides) {
        var id = (String) create(educator, workshop(overrides)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        client.post().uri("/api/workshops/{id}/publish", id).header("Authorization", educator.bearer())
                .exchange().expectStatus().isOk();
        return id;
    }

    public RestTestClient.ResponseSpec enrol(Person person, String workshopId, List<Map<String, Object>> participants) {
        return enrol(person, workshopId, Map.of("participants", participants));
    }

    public RestTestClient.ResponseSpec enrol(Person person, String workshopId, Map<String, Object> body) {
        return client.post().uri("/api/workshops/{id}/enrolments", workshopId).header("Authorization", person.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    public RestTestClient.ResponseSpec post(Person caller, String path, Object body, Object... pathVariables) {
        var request = client.post().uri(path, pathVariables).header("Authorization", caller.bearer());
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    public RestTestClient.ResponseSpec put(Person caller, String path, Object body, Object... pathVariables) {
        return client.put().uri(path, pathVariables).header("Authorization", caller.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    public RestTestClient.ResponseSpec get(Person caller, String path, Object... pathVariables) {
        var request = client.get().uri(path, pathVariables);
        return (caller == null ? request : request.header("Authorization", caller.bearer())).exchange();
    }

    /** The id of what a 201/200 response created. */
    @SuppressWarnings("unchecked")
    public static String idOf(RestTestClient.ResponseSpec response) {
        return (String) response.expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    public static Map<String, Object> self() {
        return Map.of("self", true);
    }

    public static Map<String, Object> dependant(String id) {
        return Map.of("dependantId", id);
    }
}
