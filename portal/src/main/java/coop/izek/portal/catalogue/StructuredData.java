package coop.izek.portal.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import coop.izek.portal.Cooperative;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workshop as schema.org sees it (JSON-LD): a {@code Course} with one {@code CourseInstance} (an {@code Event}) per
 * run, with its sessions as sub-events, place, price and availability, so Learning City sites and search engines can
 * list it.
 */
final class StructuredData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> workshop, String url) {
        var title = Texts.turkishFirst(workshop.get("title"));
        var description = Texts.turkishFirst(workshop.get("description"));
        var sessions = (List<Map<String, Object>>) workshop.getOrDefault("sessions", List.of());
        var venue = workshop.get("venue") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.<String, Object>of();
        var organizer = Map.of("@type", "Organization", "name", Cooperative.NAME, "url", url.replaceFirst("/workshops/.*$", "/"));

        var event = new LinkedHashMap<String, Object>();
        event.put("@type", List.of("CourseInstance", "Event"));
        event.put("name", title);
        event.put("url", url);
        if (!sessions.isEmpty()) {
            event.put("startDate", iso(sessions.getFirst().get("start")));
            event.put("endDate", iso(sessions.getLast().get("end")));
        }
        boolean online = Boolean.TRUE.equals(venue.get("online"));
        event.put("eventAttendanceMode", online ? "https://schema.org/OnlineEventAttendanceMode"
                : "https://schema.org/OfflineEventAttendanceMode");
        event.put("eventStatus", "https://schema.org/EventScheduled");
        event.put("courseMode", online ? "online" : "onsite");
        if (!online) {
            var address = new LinkedHashMap<String, Object>();
            address.put("@type", "PostalAddress");
            putIfPresent(address, "streetAddress", venue.get("address"));
            putIfPresent(address, "addressLocality", venue.get("district"));
            putIfPresent(address, "addressRegion", venue.get("city"));
            address.put("addressCountry", "TR");
            event.put("location", Map.of("@type", "Place", "name", String.valueOf(venue.getOrDefault("name", "")), "address", address));
        } else {
            event.put("location", Map.of("@type", "VirtualLocation", "url", url));
        }
        event.put("organizer", organizer);
        if (workshop.get("price") instanceof Map<?, ?> price) {
            int seats = workshop.get("seatsAvailable") instanceof Number n ? n.intValue() : 0;
            event.put("offers", Map.of("@type", "Offer", "price", String.valueOf(price.get("amount")),
                    "priceCurrency", String.valueOf(price.get("currency")), "url", url,
                    "availability", seats > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut"));
        }
        if (workshop.get("capacity") instanceof Number capacity) {
            event.put("maximumAttendeeCapacity", capacity.intValue());
        }
        if (workshop.get("language") != null) {
            event.put("inLanguage", workshop.get("language"));
        }
        var subEvents = new ArrayList<Map<String, Object>>();
        for (var session : sessions) {
            subEvents.add(Map.of("@type", "Event", "name", title, "startDate", iso(session.get("start")), "endDate", iso(session.get("end"))));
        }
        if (sessions.size() > 1) {
            event.put("subEvent", subEvents);
        }

        var course = new LinkedHashMap<String, Object>();
        course.put("@context", "https://schema.org");
        course.put("@type", "Course");
        course.put("name", title);
        course.put("description", description);
        course.put("url", url);
        course.put("provider", organizer);
        if (workshop.get("targetGroups") instanceof List<?> groups && !groups.isEmpty()) {
            course.put("audience", Map.of("@type", "Audience", "audienceType", String.join(", ", groups.stream().map(Object::toString).toList())));
        }
        if (workshop.get("minAge") instanceof Number || workshop.get("maxAge") instanceof Number) {
            var audience = new LinkedHashMap<String, Object>();
            audience.put("@type", "PeopleAudience");
            putIfPresent(audience, "suggestedMinAge", workshop.get("minAge"));
            putIfPresent(audience, "suggestedMaxAge", workshop.get("maxAge"));
            course.put("audience", audience);
        }
        course.put("hasCourseInstance", List.of(event));
        // JSON inside <script>: "<" written as \u003c, so no text in it can close the element.
        return JSON.writeValueAsString(course).replace("<", "\\u003c");
    }

    private static String iso(Object instant) {
        return java.time.OffsetDateTime.parse(instant.toString()).atZoneSameInstant(Cooperative.TIME_ZONE).toOffsetDateTime().toString();
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            map.put(key, value);
        }
    }
}
