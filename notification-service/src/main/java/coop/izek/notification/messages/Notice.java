package coop.izek.notification.messages;

import java.util.Map;

/**
 * Something a person should be told because of an event: the message {@code kind} (its template), its category and
 * the values its template fills in.
 */
public record Notice(String kind, Category category, String personId, Map<String, String> values) {
}
