package coop.izek.membership.members;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import coop.izek.membership.identity.Role;
import coop.izek.membership.identity.RoleSource;

/** ACTIVE members carry MEMBER in their tokens, and EDUCATOR when they are educators. */
@Component
class MemberRoles implements RoleSource {

    private final Members members;

    MemberRoles(Members members) {
        this.members = members;
    }

    @Override
    public Set<Role> rolesOf(String personId) {
        return members.findByPerson(personId)
                .filter(m -> m.status() == MemberStatus.ACTIVE)
                .map(m -> m.memberType() == MemberType.EDUCATOR ? EnumSet.of(Role.MEMBER, Role.EDUCATOR) : EnumSet.of(Role.MEMBER))
                .orElse(EnumSet.noneOf(Role.class));
    }
}
