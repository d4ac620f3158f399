package coop.izek.notification.messages;

import java.util.Map;

/**
 * Something a person or an organisation should be told because of an event: the message {@code kind} (its template),
 * its category and the values its template fills in. Exactly one of {@code personId} and {@code organisationId} is set.
 */
public record Notice(String kind, Category category, String personId, String organisationId, Map<String, String> values) {

    public static Notice toPerson(String kind, Category category, String personId, Map<String, String> values) {
        return new Notice(kind, category, personId, null, values);
    }

    public static Notice toOrganisation(String kind, String organisationId, Map<String, String> values) {
        return new Notice(kind, Category.PROJECTS, null, organisationId, values);
    }
}
