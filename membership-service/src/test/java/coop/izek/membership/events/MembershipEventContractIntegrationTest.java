package coop.izek.membership.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;

import coop.izek.events.EventType;
import coop.izek.events.MembershipEvents;
import coop.izek.events.Topics;
import coop.izek.membership.Api;
import coop.izek.membership.MembershipIntegrationTest;
import coop.izek.testsupport.EventContracts;
import coop.izek.testsupport.EventProbe;
import coop.izek.testsupport.EventProbe.ReceivedEvent;

/**
 * The producer's side of the event contracts: every membership event, as this service really publishes it, has the
 * shape and words of its contract sample, which the consumers' tests feed to their listeners.
 */
@MembershipIntegrationTest
class MembershipEventContractIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void shouldPublishEveryMembershipEventAsItsContractSampleSays() throws Exception {
        var api = new Api(port, context);
        var admin = "Bearer " + api.adminToken();
        var checked = new HashSet<String>();
        try (var probe = EventProbe.on(Topics.MEMBERSHIP)) {
            var email = Api.unique("contract") + "@example.org";
            var personId = api.registerUnverified(email, "Sözleşme Kişisi");
            check(probe, MembershipEvents.EMAIL_VERIFICATION_REQUESTED, "default", personId, checked);
            api.client().post().uri("/api/auth/email-verification").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", api.verificationToken(personId))).exchange().expectStatus().isOk();
            check(probe, MembershipEvents.PERSON_REGISTERED, "default", personId, checked);
            api.client().post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("email", email, "password", Api.PASSWORD, "fullName", "Again")).exchange().expectStatus().isAccepted();
            check(probe, MembershipEvents.REGISTRATION_ATTEMPTED, "default", personId, checked);
            api.client().post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON).body(Map.of("email", email))
                    .exchange().expectStatus().isAccepted();
            check(probe, MembershipEvents.PASSWORD_RESET_REQUESTED, "default", personId, checked);
            api.client().post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", api.resetToken(personId), "newPassword", "Sozlesme-parola-1")).exchange().expectStatus().isNoContent();
            check(probe, MembershipEvents.PASSWORD_CHANGED, "default", personId, checked);

            var organisationId = (String) api.client().post().uri("/api/membership/organisations").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "Klaster Edukacyjny", "country", "PL", "type", "CLUSTER", "contactEmail", "biuro@example.pl"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("organisationId");
            check(probe, MembershipEvents.ORGANISATION_REGISTERED, "default", organisationId, checked);
            var clientId = (String) api.client().post().uri("/api/membership/organisations/{id}/api-clients", organisationId)
                    .header("Authorization", admin).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
                    .getResponseBody().get("clientId");
            api.client().delete().uri("/api/membership/organisations/{id}/api-clients/{client}", organisationId, clientId)
                    .header("Authorization", admin).exchange().expectStatus().isNoContent();
            check(probe, MembershipEvents.API_CLIENT_REVOKED, "default", clientId, checked);

            var educator = api.newPerson("Sözleşme Eğitmeni");
            var applicationId = api.apply(educator, "EDUCATOR", List.of("STEM"));
            check(probe, MembershipEvents.APPLICATION_SUBMITTED, "default", applicationId, checked);
            var memberId = (String) api.approve(applicationId).get("memberId");
            check(probe, MembershipEvents.APPLICATION_DECIDED, "approve", applicationId, checked);
            var rejected = api.apply(api.newPerson("Reddedilen"), "SUPPORTER", List.of());
            api.client().post().uri("/api/membership/applications/{id}/decision", rejected).header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("decision", "REJECT", "reason", "Eksik belge")).exchange()
                    .expectStatus().isOk();
            check(probe, MembershipEvents.APPLICATION_DECIDED, "reject", rejected, checked);
            api.pay(memberId, 1, "100.00", Api.unique("receipt")).expectStatus().isCreated();
            check(probe, MembershipEvents.SHARE_PAYMENT_RECORDED, "default", memberId, checked);
            check(probe, MembershipEvents.MEMBER_ACTIVATED, "default", memberId, checked);
            check(probe, MembershipEvents.MEMBER_STATUS_CHANGED, "default", memberId, checked);

            var childId = (String) api.client().post().uri("/api/membership/people/me/dependants").header("Authorization", educator.bearer())
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("fullName", "Sözleşme Çocuğu", "birthDate", "2018-05-05"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("dependantId");
            check(probe, MembershipEvents.DEPENDANT_ADDED, "default", educator.id(), checked);

            var assemblyId = (String) api.client().post().uri("/api/membership/assemblies").header("Authorization", admin)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "Genel Kurul", "date", LocalDate.now().plusDays(30).toString(),
                            "motions", List.of(Map.of("title", "Bütçe", "text", "Bütçenin onayı"))))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
            check(probe, MembershipEvents.ASSEMBLY_CONVENED, "default", assemblyId, checked);
            api.client().post().uri("/api/membership/principles").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", Map.of("tr", "İlkeler", "en", "Principles"))).exchange().expectStatus().isCreated();
            check(probe, MembershipEvents.PRINCIPLES_PUBLISHED, "default", null, checked);

            api.client().post().uri("/api/membership/people/me/erasure").header("Authorization", educator.bearer()).exchange()
                    .expectStatus().isAccepted();
            var erased = check(probe, MembershipEvents.PERSON_ERASED, "default", educator.id(), checked);
            assertThat(erased.body()).contains(childId);
            api.client().post().uri("/api/membership/people/{id}/erasure", personId).header("Authorization", admin).exchange()
                    .expectStatus().isAccepted();
            check(probe, MembershipEvents.PERSON_ERASED, "without-dependants", personId, checked);
        }
        assertThat(checked).as("every membership event type").hasSize(16);
    }

    /** Waits for the event of {@code type} about {@code subject} (any subject when null) and holds it to the sample. */
    private static ReceivedEvent check(EventProbe probe, EventType<?> type, String variant, String subject, java.util.Set<String> checked) {
        var event = probe.await(e -> type.name().equals(e.type()) && (subject == null || subject.equals(e.subject())));
        EventContracts.assertMatchesSample(type, variant, event.body());
        checked.add(type.name());
        return event;
    }
}
