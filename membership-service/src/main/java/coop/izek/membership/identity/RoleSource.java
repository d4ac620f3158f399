package coop.izek.membership.identity;

import java.util.Set;

/** Roles a person holds because of something other than their account (membership: MEMBER, EDUCATOR). */
public interface RoleSource {

    Set<Role> rolesOf(String personId);
}
