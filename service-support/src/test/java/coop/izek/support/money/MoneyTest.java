package coop.izek.support.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void shouldWriteAmountAsDecimalString() {
        assertThat(json.writeValueAsString(Money.of("100", "TRY"))).isEqualTo("{\"amount\":\"100.00\",\"currency\":\"TRY\"}");
    }

    @Test
    void shouldReadObjectStringAndNumberForms() {
        assertThat(json.readValue("{\"amount\":\"250.50\",\"currency\":\"EUR\"}", Money.class).sameAs(Money.of("250.5", "EUR"))).isTrue();
        assertThat(json.readValue("\"100.00\"", Money.class)).isEqualTo(new Money(new java.math.BigDecimal("100.00"), null));
        assertThat(json.readValue("100", Money.class).inCurrency("TRY").sameAs(Money.of("100", "TRY"))).isTrue();
    }

    @Test
    void shouldRefuseUnreadableMoney() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"ten\",\"currency\":\"TRY\"}", Money.class)).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"10\",\"currency\":\"XXQ\"}", Money.class)).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"10\",\"tip\":\"1\"}", Money.class)).isInstanceOf(DatabindException.class);
    }

    @Test
    void shouldCompareValuesWhateverTheScaleAndMultiplyExactly() {
        assertThat(Money.of("100.00", "TRY").times(3).sameAs(Money.of("300", "TRY"))).isTrue();
        assertThat(Money.of("0.10", "TRY").times(3).minorUnits()).isEqualTo(30);
        assertThatThrownBy(() -> Money.of("1.005", "TRY")).isInstanceOf(ArithmeticException.class);
    }
}
