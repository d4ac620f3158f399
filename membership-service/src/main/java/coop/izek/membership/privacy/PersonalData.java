package coop.izek.membership.privacy;

import java.util.List;

import org.springframework.stereotype.Service;

import coop.izek.membership.applications.Applications;
import coop.izek.membership.identity.Accounts;
import coop.izek.membership.members.MemberStatus;
import coop.izek.membership.members.Members;
import coop.izek.membership.members.ShareRegister;
import coop.izek.membership.organisations.Organisations;
import coop.izek.membership.people.Dependants;
import coop.izek.membership.principles.Principles;

/**
 * A person's rights over their data (KVKK/GDPR): a full export, and erasure. Erasure announces {@code person-erased}
 * so every service forgets them too; here the account, dependants and applications are anonymised, and a membership
 * ends by resignation, because the share register is kept by law and its totals must stay right.
 */
@Service
public class PersonalData {

    public record Export(Accounts.Profile account, List<Dependants.DependantView> dependants,
                         List<Applications.ApplicationView> applications, Members.MemberView membership,
                         List<ShareRegister.Line> shareRegister, List<Principles.AcceptanceRecord> principleAcceptances) {
    }

    private final Accounts accounts;
    private final Dependants dependants;
    private final Applications applications;
    private final Members members;
    private final ShareRegister register;
    private final Principles principles;
    private final Organisations organisations;

    PersonalData(Accounts accounts, Dependants dependants, Applications applications, Members members, ShareRegister register,
                 Principles principles, Organisations organisations) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.dependants = dependants;
        this.applications = applications;
        this.members = members;
        this.register = register;
        this.principles = principles;
    }

    public Export export(String personId) {
        var membership = members.findByPerson(personId).orElse(null);
        return new Export(accounts.profile(personId), dependants.dependantsOf(personId), applications.ofPerson(personId),
                membership, membership == null ? List.of() : register.linesOf(membership.id()), principles.acceptancesOf(personId));
    }

    public void erase(String personId, String requestedBy) {
        var dependantIds = dependants.eraseDependantsOf(personId);
        members.findByPerson(personId)
                .filter(m -> m.status() != MemberStatus.RESIGNED && m.status() != MemberStatus.EXPELLED)
                .ifPresent(m -> members.changeStatus(m.id(), MemberStatus.RESIGNED, "personal data erasure requested", requestedBy));
        applications.eraseMotivationsOf(personId);
        organisations.forgetStaff(personId);
        accounts.erase(personId, dependantIds);
    }
}
