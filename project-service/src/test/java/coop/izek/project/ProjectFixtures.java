package coop.izek.project;

import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import coop.izek.events.MembershipEvents;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.TestTokens;

/** Organisations, educators, staff and partners as other services announce them, and projects made through the API. */
public final class ProjectFixtures {

    /** The cooperative's own organisation id (izek.cooperative.organisation-id). */
    public static final String COOPERATIVE = "izek";

    private final RestTestClient client;
    private final Directory directory;

    public ProjectFixtures(int port, Directory directory) {
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        this.directory = directory;
        organisation(COOPERATIVE, "İZEK İzmir Eğitim Kooperatifi", "TR", "COOPERATIVE");
    }

    public RestTestClient client() {
        return client;
    }

    public record Caller(String id, String bearer) {
    }

    /** An organisation as membership-service announced it; returns its id. */
    public String organisation(String name, String country, String type) {
        return organisation(UUID.randomUUID().toString(), name, country, type);
    }

    private String organisation(String id, String name, String country, String type) {
        if (directory.organisation(id).isEmpty()) {
            EventContracts.publish(MembershipEvents.ORGANISATION_REGISTERED, id, Map.of("organisationId", id, "name", name,
                    "country", country, "type", type, "contactEmail", "info@" + id + ".test"));
            await().until(() -> directory.organisation(id).isPresent());
        }
        return id;
    }

    /** An ACTIVE educator member, as membership-service announced them. */
    public Caller educator() {
        var id = UUID.randomUUID().toString();
        var memberId = UUID.randomUUID().toString();
        EventContracts.publish(MembershipEvents.MEMBER_ACTIVATED, memberId, Map.of("memberId", memberId, "personId", id,
                "memberType", "EDUCATOR"));
        await().until(() -> directory.isActiveEducator(id));
        return new Caller(id, "Bearer " + TestTokens.forPerson(id, "MEMBER", "EDUCATOR"));
    }

    public Caller staff() {
        var id = UUID.randomUUID().toString();
        return new Caller(id, "Bearer " + TestTokens.forPerson(id, "ADMIN"));
    }

    /** A partner organisation's API client. */
    public Caller partner(String organisationId) {
        var clientId = "client-" + UUID.randomUUID();
        return new Caller(clientId, "Bearer " + TestTokens.forPartner(clientId, organisationId));
    }

    /** Someone who works for a partner organisation, signed in as a person. */
    public Caller partnerStaff(String organisationId) {
        var id = UUID.randomUUID().toString();
        return new Caller(id, "Bearer " + TestTokens.forPartnerStaff(id, organisationId));
    }

    public static String acronym() {
        return "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** A project body with sensible defaults; {@code overrides} replace or add fields. */
    public static Map<String, Object> project(String coordinatorOrganisationId, Map<String, Object> overrides) {
        var body = new HashMap<String, Object>();
        body.put("acronym", acronym());
        body.put("title", "Öğrenen Şehirler İçin Birlikte");
        body.put("programme", "ERASMUS_PLUS");
        body.put("coordinatorOrganisationId", coordinatorOrganisationId);
        body.put("startDate", "2026-09-01");
        body.put("endDate", "2028-08-31");
        body.put("currency", "EUR");
        body.put("sdgs", List.of(4, 10));
        body.put("learningCityFeatures", List.of("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES"));
        body.putAll(overrides);
        return body;
    }

    /** Creates a project coordinated by {@code coordinator} with the given partners; returns its id. */
    @SuppressWarnings("unchecked")
    public String project(Caller staff, String coordinator, String... partners) {
        var id = (String) post(staff, "/api/projects", project(coordinator, Map.of())).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        for (var partner : partners) {
            post(staff, "/api/projects/{id}/partners", Map.of("organisationId", partner, "role", "PARTNER"), id).expectStatus().isCreated();
        }
        return id;
    }

    /** Takes a project through to {@code status} the way staff do. */
    public void moveTo(Caller staff, String projectId, String status) {
        for (var step : List.of("DRAFTING", "SUBMITTED", "GRANTED", "RUNNING", "CLOSED")) {
            post(staff, "/api/projects/{id}/transitions", Map.of("to", step), projectId).expectStatus().isOk();
            if (step.equals(status)) {
                return;
            }
        }
    }

    public void workPackage(Caller staff, String projectId, int number, String lead) {
        post(staff, "/api/projects/{id}/work-packages", Map.of("number", number, "title", "İş paketi " + number,
                "leadOrganisationId", lead), projectId).expectStatus().isCreated();
    }

    public void deliverable(Caller staff, String projectId, String code, int workPackage, LocalDate dueDate, String responsible) {
        post(staff, "/api/projects/{id}/deliverables", Map.of("code", code, "title", "Çıktı " + code, "workPackage", "WP" + workPackage,
                "dueDate", dueDate.toString(), "responsibleOrganisationId", responsible), projectId).expectStatus().isCreated();
    }

    public RestTestClient.ResponseSpec post(Caller caller, String path, Object body, Object... pathVariables) {
        return client.post().uri(path, pathVariables).header("Authorization", caller.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    public RestTestClient.ResponseSpec patch(Caller caller, String path, Object body, Object... pathVariables) {
        return client.patch().uri(path, pathVariables).header("Authorization", caller.bearer())
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    public RestTestClient.ResponseSpec get(Caller caller, String path, Object... pathVariables) {
        return client.get().uri(path, pathVariables).header("Authorization", caller.bearer()).exchange();
    }
}
