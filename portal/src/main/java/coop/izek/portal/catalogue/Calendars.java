package coop.izek.portal.catalogue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;

import coop.izek.portal.Cooperative;

/**
 * Workshops' sessions as an iCalendar file (RFC 5545): one event per session, in Europe/Istanbul time with the zone
 * described in the file, so a phone's calendar shows the hour the cooperative means wherever the phone is.
 */
final class Calendars {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String publicAddress;

    Calendars(String publicAddress) {
        this.publicAddress = publicAddress;
    }

    /** {@code workshops} as the workshop API answers them; {@code note} (a person's place, say) goes into each event. */
    @SuppressWarnings("unchecked")
    String of(List<Map<String, Object>> workshops, String note) {
        var out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//İZEK//izek-platform portal//TR");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-TIMEZONE:" + Cooperative.TIME_ZONE.getId());
        // Türkiye keeps +03:00 all year (since 2016); the zone is written out for calendars that do not know it.
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + Cooperative.TIME_ZONE.getId());
        line(out, "BEGIN:STANDARD");
        line(out, "DTSTART:19700101T000000");
        line(out, "TZOFFSETFROM:+0300");
        line(out, "TZOFFSETTO:+0300");
        line(out, "TZNAME:+03");
        line(out, "END:STANDARD");
        line(out, "END:VTIMEZONE");
        var stamp = UTC.format(Instant.now());
        for (var workshop : workshops) {
            var title = Texts.turkishFirst(workshop.get("title"));
            var venue = workshop.get("venue") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.<String, Object>of();
            var location = String.join(", ", java.util.stream.Stream.of(venue.get("name"), venue.get("address"), venue.get("district"),
                    venue.get("city")).filter(java.util.Objects::nonNull).map(Object::toString).filter(s -> !s.isBlank()).toList());
            var sessions = (List<Map<String, Object>>) workshop.getOrDefault("sessions", List.of());
            int number = 0;
            for (var session : sessions) {
                number++;
                line(out, "BEGIN:VEVENT");
                line(out, "UID:" + session.get("id") + "@" + workshop.get("id") + ".izek.coop");
                line(out, "DTSTAMP:" + stamp);
                line(out, "DTSTART;TZID=" + Cooperative.TIME_ZONE.getId() + ":" + local(session.get("start")));
                line(out, "DTEND;TZID=" + Cooperative.TIME_ZONE.getId() + ":" + local(session.get("end")));
                line(out, "SUMMARY:" + escape(sessions.size() > 1 ? title + " (" + number + "/" + sessions.size() + ")" : title));
                if (!location.isBlank()) {
                    line(out, "LOCATION:" + escape(location));
                }
                var description = Texts.turkishFirst(workshop.get("description"));
                line(out, "DESCRIPTION:" + escape(note == null ? description : note + "\n\n" + description));
                line(out, "URL:" + publicAddress + "/workshops/" + workshop.get("id"));
                line(out, "END:VEVENT");
            }
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static String local(Object instant) {
        return LOCAL.format(OffsetDateTime.parse(instant.toString()).atZoneSameInstant(Cooperative.TIME_ZONE));
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n");
    }

    /** Content lines end in CRLF and fold at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
    static void line(StringBuilder out, String content) {
        var bytes = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > 75) {
                out.append("\r\n ");
                bytes = 1;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
