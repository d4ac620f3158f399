package coop.izek.portal.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CalendarsTest {

    private static final Map<String, Object> WORKSHOP = Map.of(
            "id", "w-1",
            "title", Map.of("tr", "Çocuklar için robotik; sensörler, motorlar", "en", "Robotics"),
            "description", Map.of("tr", "İki satır:\nbirinci ve ikinci"),
            "venue", Map.of("name", "İZEK Atölyesi", "district", "Karşıyaka", "city", "İzmir"),
            "sessions", List.of(
                    Map.of("id", "s-1", "start", "2027-03-06T07:00:00Z", "end", "2027-03-06T09:00:00Z"),
                    Map.of("id", "s-2", "start", "2027-03-13T07:00:00Z", "end", "2027-03-13T09:00:00Z")));

    @Test
    void shouldWriteEachSessionInIstanbulTimeWithTheZoneDescribed() {
        var calendar = new Calendars("https://izek.example").of(List.of(WORKSHOP), null);

        assertThat(calendar).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(calendar).contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Istanbul\r\n");
        // 07:00 UTC is 10:00 in İzmir.
        assertThat(calendar).contains("DTSTART;TZID=Europe/Istanbul:20270306T100000\r\n")
                .contains("DTEND;TZID=Europe/Istanbul:20270313T120000\r\n");
        assertThat(calendar.split("BEGIN:VEVENT", -1)).hasSize(3);
        assertThat(calendar).contains("UID:s-1@w-1.izek.coop").contains("URL:https://izek.example/workshops/w-1");
    }

    @Test
    void shouldEscapeTextAndFoldLinesLongerThan75Octets() {
        var calendar = new Calendars("https://izek.example").of(List.of(WORKSHOP), "Yeriniz ayrıldı, Ada için");

        assertThat(calendar).contains("SUMMARY:Çocuklar için robotik\\; sensörler\\, motorlar (1/2)");
        var unfolded = calendar.replace("\r\n ", "");
        assertThat(unfolded).contains("DESCRIPTION:Yeriniz ayrıldı\\, Ada için\\n\\nİki satır:\\nbirinci ve ikinci");
        for (var line : calendar.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
    }
}
