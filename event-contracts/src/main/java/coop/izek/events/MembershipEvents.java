package coop.izek.events;

/** Events membership-service publishes on {@link Topics#MEMBERSHIP}. Payloads never carry passwords, secrets or hashes. */
public final class MembershipEvents {

    public static final String SOURCE = "/izek/membership-service";

    public static final EventType<PersonRegistered> PERSON_REGISTERED = new EventType<>(
            "coop.izek.membership.person-registered.v1", Topics.MEMBERSHIP, PersonRegistered.class);

    public static final EventType<OrganisationRegistered> ORGANISATION_REGISTERED = new EventType<>(
            "coop.izek.membership.organisation-registered.v1", Topics.MEMBERSHIP, OrganisationRegistered.class);

    private MembershipEvents() {
    }

    /** Someone created an account. {@code locale} is one of tr, en, pl. */
    public record PersonRegistered(String personId, String email, String fullName, String locale) {
    }

    /** A partner organisation (municipality, university, NGO, school, cluster ...) the cooperative works with. */
    public record OrganisationRegistered(String organisationId, String name, String country, String type, String oid,
                                         String pic, String contactEmail) {
    }
}
