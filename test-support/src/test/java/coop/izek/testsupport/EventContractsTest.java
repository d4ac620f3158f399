package coop.izek.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import coop.izek.events.MembershipEvents;
import coop.izek.events.WorkshopEvents;

class EventContractsTest {

    static final String APPROVED = "{\"applicationId\":\"a-1\",\"personId\":\"p-1\",\"decision\":\"APPROVE\",\"reason\":null,"
            + "\"memberId\":\"m-1\",\"memberNumber\":\"IZEK-000001\"}";

    @Test
    void shouldAcceptWhatHasTheSamplesShapeAndWords() {
        assertThatCode(() -> EventContracts.assertMatchesSample(MembershipEvents.APPLICATION_DECIDED, "approve", APPROVED))
                .doesNotThrowAnyException();
    }

    /** The fault that once told approved applicants they were rejected: a word the consumer compares, spelt otherwise. */
    @Test
    void shouldRefuseAnotherWordWhereTheConsumerComparesWords() {
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(MembershipEvents.APPLICATION_DECIDED, "approve",
                APPROVED.replace("APPROVE", "APPROVED"))).isInstanceOf(AssertionError.class).hasMessageContaining("$.decision");
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(MembershipEvents.PASSWORD_CHANGED, "default",
                "{\"personId\":\"p\",\"changedAt\":\"2026-12-01T10:00:00Z\",\"how\":\"FORGOTTEN\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("$.how");
    }

    @Test
    void shouldRefuseMissingExtraAndWronglyTypedFields() {
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(MembershipEvents.APPLICATION_DECIDED, "approve",
                APPROVED.replace(",\"memberNumber\":\"IZEK-000001\"", ""))).hasMessageContaining("missing [memberNumber]");
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(MembershipEvents.APPLICATION_DECIDED, "approve",
                APPROVED.replace("}", ",\"extra\":1}"))).hasMessageContaining("not in the sample [extra]");
        assertThatThrownBy(() -> EventContracts.assertMatchesSample(MembershipEvents.SHARE_PAYMENT_RECORDED, "default",
                "{\"memberId\":\"m\",\"personId\":\"p\",\"entryNumber\":\"7\",\"shares\":1,\"amount\":\"100.00\",\"currency\":\"TRY\","
                        + "\"paidOn\":\"2026-11-30\",\"sharesHeld\":1}")).hasMessageContaining("$.entryNumber");
    }

    @Test
    void shouldFillSamplesForConsumersWithDefaultsWordsAndNulls() {
        var filled = EventContracts.sample(WorkshopEvents.ENROLMENT_CONFIRMED, Map.of("workshopId", "w-1", "enrolmentId", "e-1",
                "enrolleeId", "p-1", "dependantId", "c-1", "targetGroup", "CHILDREN"));

        assertThat(filled).contains("\"workshopId\": \"w-1\"", "\"personId\": null", "\"dependantId\": \"c-1\"",
                "\"seatType\": \"STANDARD\"", "\"price\": \"300.00\"");
        assertThatCode(() -> EventContracts.assertMatchesSample(WorkshopEvents.ENROLMENT_CONFIRMED, "default", filled))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EventContracts.sample(WorkshopEvents.ENROLMENT_CONFIRMED, Map.of("workshopId", "w-1")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EventContracts.sample(MembershipEvents.PASSWORD_CHANGED, Map.of("personId", "p", "changedAt", "t",
                "how", "LOST"))).hasMessageContaining("must be one of");
    }
}
