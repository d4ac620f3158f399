package coop.izek.membership.identity;

import java.util.Optional;

/**
 * The partner organisation a person works for, if staff linked them to one: their tokens then carry the organisation
 * ({@code org}) and PARTNER_STAFF, so they see in the portal what the organisation's API clients see.
 */
public interface Affiliations {

    Optional<String> organisationOf(String personId);
}
