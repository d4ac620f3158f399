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

    /** "1E+300000000" is short on the wire; rescaling it to cents would build a number of 300 million digits. */
    @Test
    void shouldRefuseAmountsWithHugeExponentsOrTooManyDigitsBeforeAnyArithmetic() {
        for (var amount : new String[] {"\"1E+300000000\"", "1E+300000000", "\"1e-300000000\"", "\"12345678901234\"", "\"0.001\""}) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> json.readValue("{\"amount\":" + amount + ",\"currency\":\"TRY\"}", Money.class))
                    .as(amount).isInstanceOf(DatabindException.class).hasMessageContaining("digits");
            assertThat(System.nanoTime() - started).as("refused without building the number").isLessThan(2_000_000_000L);
        }
        assertThat(json.readValue("{\"amount\":\"9999999999999.99\",\"currency\":\"TRY\"}", Money.class).minorUnits())
                .isEqualTo(999_999_999_999_999L);
        assertThat(json.readValue("\"1.500\"", Money.class).amount()).isEqualByComparingTo("1.5");
    }
}
