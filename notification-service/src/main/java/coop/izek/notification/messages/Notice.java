package coop.izek.notification.messages;

import java.util.Map;
import java.util.Set;

/**
 * Something a person or an organisation should be told because of an event: the message {@code kind} (its template),
 * its category and the values its template fills in. Exactly one of {@code personId} and {@code organisationId} is set.
 * {@code address} and {@code locale} are given only for the one mail that goes to an address nobody has verified yet
 * (the verification link); {@code channels}, when given, are the only channels it may take, whatever the preferences.
 */
public record Notice(String kind, Category category, String personId, String organisationId, Map<String, String> values,
                     String address, String locale, Set<Channel> channels) {

    public static Notice toPerson(String kind, Category category, String personId, Map<String, String> values) {
        return new Notice(kind, category, personId, null, values, null, null, null);
    }

    /** By email only, to the person's known address (a reset link has no place in an inbox). */
    public static Notice emailToPerson(String kind, Category category, String personId, Map<String, String> values) {
        return new Notice(kind, category, personId, null, values, null, null, Set.of(Channel.EMAIL));
    }

    /** By email only, to the address the account gave, which the person has not verified yet. */
    public static Notice toUnverifiedAddress(String kind, String personId, String address, String locale, Map<String, String> values) {
        return new Notice(kind, Category.ACCOUNT, personId, null, values, address, locale, Set.of(Channel.EMAIL));
    }

    public static Notice toOrganisation(String kind, String organisationId, Map<String, String> values) {
        return new Notice(kind, Category.PROJECTS, null, organisationId, values, null, null, null);
    }
}
