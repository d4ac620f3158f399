package coop.izek.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    record Sample(String id) {
    }

    @Test
    void shouldAcceptTypeNamesInThePlatformConvention() {
        var type = new EventType<>("coop.izek.workshop.enrolment-confirmed.v1", Topics.WORKSHOP, Sample.class);

        assertThat(type.of("w-1", new Sample("e-1")).subject()).isEqualTo("w-1");
    }

    @Test
    void shouldRejectTypeNamesOutsideTheConvention() {
        assertThatThrownBy(() -> new EventType<>("coop.izek.workshop.EnrolmentConfirmed", Topics.WORKSHOP, Sample.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectPayloadOfAnotherType() {
        EventType<Object> type = new EventType<>("coop.izek.workshop.enrolment-confirmed.v1", Topics.WORKSHOP, Object.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventType<Object> narrow = (EventType) new EventType<>("coop.izek.workshop.enrolment-confirmed.v1", Topics.WORKSHOP, Sample.class);

        assertThat(type.of("w-1", "anything").payload()).isEqualTo("anything");
        assertThatThrownBy(() -> narrow.of("w-1", "not a sample")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNameDeadLetterTopicAfterItsTopic() {
        assertThat(Topics.deadLetter(Topics.MEMBERSHIP)).isEqualTo("izek.membership.v1.dlt");
    }
}
