package coop.izek.membership.organisations;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import coop.izek.support.cooperative.CooperativeProperties;

/**
 * The cooperative is an organisation too: it coordinates and joins project consortia like its partners. It is
 * registered on first start under a fixed id ({@code izek.cooperative.organisation-id}, "izek"), which every service
 * knows, so "a project the cooperative takes part in" needs no lookup.
 */
@Component
class CooperativeOrganisation implements ApplicationRunner {

    private final Organisations organisations;
    private final CooperativeProperties cooperative;

    CooperativeOrganisation(Organisations organisations, CooperativeProperties cooperative) {
        this.organisations = organisations;
        this.cooperative = cooperative;
    }

    @Override
    public void run(ApplicationArguments args) {
        organisations.registerKnown(cooperative.organisationId(), "İZEK İzmir Eğitim Kooperatifi", "TR", OrganisationType.COOPERATIVE,
                null, null, cooperative.contactEmail());
    }
}
