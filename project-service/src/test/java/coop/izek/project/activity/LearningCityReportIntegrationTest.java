package coop.izek.project.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import coop.izek.events.WorkshopEvents;
import coop.izek.project.ProjectFixtures;
import coop.izek.project.directory.Directory;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.IntegrationTest;

/**
 * The Learning City report for a city and year, from completed workshops: by GNLC key feature (the workshop's own and
 * its project's), target group and district, each figure naming what is behind it; and as a CSV download.
 */
@IntegrationTest
class LearningCityReportIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Directory directory;

    ProjectFixtures fixtures;
    ProjectFixtures.Caller staff;
    String city;

    @BeforeEach
    void setUp() {
        fixtures = new ProjectFixtures(port, directory);
        staff = fixtures.staff();
        // A city of this test's own, written with Turkish letters as workshop-service passes it on.
        city = "Işıklı-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private void completed(String workshopId, String title, String workshopCity, String district, String projectId, String feature,
                           String completedAt, List<Map<String, String>> participants) {
        var values = new HashMap<>(Map.of("workshopId", workshopId, "title", title, "educatorPersonId", "educator-1",
                "completedAt", completedAt, "city", workshopCity, "learningCityFeature", feature));
        if (district != null) {
            values.put("district", district);
        }
        if (projectId != null) {
            values.put("projectId", projectId);
        }
        EventContracts.publishJson(WorkshopEvents.WORKSHOP_COMPLETED, workshopId, EventContracts.sample(WorkshopEvents.WORKSHOP_COMPLETED,
                "default", values, Map.of("participants", participants)));
    }

    private static Map<String, String> person(String id, String group, String seatType) {
        return Map.of("personId", id, "targetGroup", group, "enrolleeId", id, "seatType", seatType, "participantHours", "4.00");
    }

    private Map<?, ?> report(String cityQuery, int year) {
        return fixtures.get(staff, "/api/projects/reports/learning-city?city={c}&year={y}", cityQuery, year).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figure(Map<?, ?> report, String section, String code) {
        return ((List<Map<String, Object>>) report.get(section)).stream().filter(f -> f.get("code").equals(code)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportActivitiesAndParticipantsByKeyFeatureTargetGroupAndDistrictWithWhatIsBehindThem() {
        var projectId = (String) fixtures.post(staff, "/api/projects", ProjectFixtures.project(ProjectFixtures.COOPERATIVE,
                        Map.of("learningCityFeatures", List.of("CONDITION_GOVERNANCE_AND_PARTICIPATION"))))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        var acronym = fixtures.get(staff, "/api/projects/{id}", projectId).expectBody(Map.class).returnResult().getResponseBody().get("acronym");
        var ayse = UUID.randomUUID().toString();
        var can = UUID.randomUUID().toString();
        var deniz = UUID.randomUUID().toString();
        var chess = UUID.randomUUID().toString();
        var family = UUID.randomUUID().toString();
        completed(chess, "Satranç \"Şah-Mat\", başlangıç", city, "Karşıyaka", null, "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION",
                "2027-05-10T18:00:00+03:00", List.of(person(ayse, "ADULTS", "STANDARD"), person(can, "YOUTH", "SOLIDARITY")));
        completed(family, "Aile Okuma Saati", city.toUpperCase(java.util.Locale.forLanguageTag("tr")), "Çiğli", projectId,
                "BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES", "2027-06-01T11:00:00+03:00",
                List.of(person(ayse, "ADULTS", "STANDARD"), person(deniz, "PARENTS", "STANDARD")));
        // Another year, and another city: not in this report.
        completed(UUID.randomUUID().toString(), "Geçen Yıl", city, "Karşıyaka", null, "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION",
                "2026-12-31T20:59:00Z", List.of(person(UUID.randomUUID().toString(), "ADULTS", "STANDARD")));
        completed(UUID.randomUUID().toString(), "Başka Şehir", "Ankara", "Çankaya", null, "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION",
                "2027-05-10T18:00:00+03:00", List.of(person(UUID.randomUUID().toString(), "ADULTS", "STANDARD")));

        var folded = "isikli" + city.substring(6);
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Map<?, ?>) report(folded, 2027).get("total")).get("activities").equals(2));
        var report = report(folded, 2027);
        assertThat(report.get("city")).isEqualTo(city);
        assertThat((Map<String, Object>) report.get("total")).containsAllEntriesOf(Map.<String, Object>of("activities", 2, "participants", 3,
                "solidarityParticipants", 1, "learningHours", 16));
        assertThat(figure(report, "keyFeatures", "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION")).containsAllEntriesOf(Map.<String, Object>of("activities", 1,
                "participants", 2, "dimension", "Building blocks of a learning city", "label", "Inclusive learning in the education system",
                "workshops", List.of(Map.of("id", chess, "title", "Satranç \"Şah-Mat\", başlangıç")), "projects", List.of()));
        // The project's own key feature counts its workshops too.
        assertThat(figure(report, "keyFeatures", "CONDITION_GOVERNANCE_AND_PARTICIPATION")).containsAllEntriesOf(Map.<String, Object>of("activities", 1,
                "participants", 2, "projects", List.of(Map.of("id", projectId, "acronym", acronym, "title", "Öğrenen Şehirler İçin Birlikte"))));
        assertThat(figure(report, "keyFeatures", "BENEFIT_SUSTAINABLE_DEVELOPMENT")).containsAllEntriesOf(Map.<String, Object>of("activities", 0,
                "participants", 0));
        assertThat((List<?>) report.get("keyFeatures")).hasSize(12);
        assertThat(figure(report, "targetGroups", "ADULTS")).containsAllEntriesOf(Map.<String, Object>of("activities", 2, "participants", 1));
        assertThat(figure(report, "targetGroups", "YOUTH")).containsAllEntriesOf(Map.<String, Object>of("activities", 1, "participants", 1,
                "solidarityParticipants", 1));
        assertThat(figure(report, "districts", "Karşıyaka")).containsAllEntriesOf(Map.<String, Object>of("activities", 1, "participants", 2));
        assertThat(figure(report, "districts", "Çiğli")).containsAllEntriesOf(Map.<String, Object>of("activities", 1, "participants", 2));

        var turkish = fixtures.get(staff, "/api/projects/reports/learning-city?city={c}&year=2027&lang=tr", city).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(figure(turkish, "targetGroups", "PARENTS").get("label")).isEqualTo("Ebeveynler");
    }

    @Test
    void shouldDownloadTheReportAsExcelFriendlyCsv() {
        var workshop = UUID.randomUUID().toString();
        completed(workshop, "Satranç \"Şah-Mat\", başlangıç", city, "Karşıyaka", null, "BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION",
                "2027-05-10T18:00:00+03:00", List.of(person(UUID.randomUUID().toString(), "ADULTS", "STANDARD")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Map<?, ?>) report(city, 2027).get("total")).get("activities").equals(1));

        for (var request : List.of(fixtures.client().get().uri("/api/projects/reports/learning-city?city={c}&year=2027", city)
                        .header("Authorization", staff.bearer()).accept(MediaType.parseMediaType("text/csv")),
                fixtures.client().get().uri("/api/projects/reports/learning-city?city={c}&year=2027&format=csv", city)
                        .header("Authorization", staff.bearer()))) {
            var result = request.exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                    .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, disposition -> assertThat(disposition)
                            .startsWith("attachment").contains("filename=\"learning-city-isikli-").contains(".csv"))
                    .expectBody(byte[].class).returnResult().getResponseBody();
            assertThat(Arrays.copyOf(result, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            var text = new String(result, 3, result.length - 3, StandardCharsets.UTF_8);
            var lines = text.split("\r\n", -1);
            assertThat(lines[0]).isEqualTo("city,year,section,code,label,dimension,activities,participants,solidarity_participants,"
                    + "learning_hours,workshops,projects");
            assertThat(lines[1]).startsWith(city + ",2027,total,TOTAL,Total,,1,1,0,4,");
            assertThat(text).contains(",district,Karşıyaka,Karşıyaka,,1,1,0,4,\"Satranç \"\"Şah-Mat\"\", başlangıç (" + workshop + ")\",");
            assertThat(text).doesNotContain("\n\n").endsWith("\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        }
    }

    @Test
    void shouldKeepTheReportForStaffAndRefuseAnUnreadableYear() {
        fixtures.get(fixtures.partner(ProjectFixtures.COOPERATIVE), "/api/projects/reports/learning-city?city=İzmir&year=2027")
                .expectStatus().isForbidden();
        fixtures.get(staff, "/api/projects/reports/learning-city?city=İzmir&year=last").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("year");
        fixtures.get(staff, "/api/projects/reports/learning-city?year=2027").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("city");
    }
}
