package coop.izek.support.web;

import java.math.BigDecimal;
import java.math.BigInteger;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Arbitrary-precision numbers read from requests stay small: "1E+300000000" is three characters on the wire but a
 * three-hundred-million-digit number once anything rescales it. Every {@link BigDecimal} and {@link BigInteger} a
 * request carries has at most {@value #MAX_DIGITS} digits before and after the point; more is a 400 naming the field.
 */
public final class BoundedNumbers {

    public static final int MAX_DIGITS = 30;

    private BoundedNumbers() {
    }

    /** Whether {@code value} has at most {@code integerDigits} digits before the point and {@code fractionDigits} after it. */
    public static boolean fits(BigDecimal value, int integerDigits, int fractionDigits) {
        // stripTrailingZeros is cheap whatever the exponent ("1.500" has one decimal, "1E+3" four integer digits).
        var stripped = value.stripTrailingZeros();
        return stripped.scale() <= fractionDigits && stripped.precision() - stripped.scale() <= integerDigits;
    }

    static SimpleModule module() {
        return new SimpleModule("izek-bounded-numbers")
                .addDeserializer(BigDecimal.class, new BoundedDecimal())
                .addDeserializer(BigInteger.class, new BoundedInteger());
    }

    private static final class BoundedDecimal extends ValueDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            var value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (value != null && !fits(value, MAX_DIGITS, MAX_DIGITS)) {
                throw InvalidFormatException.from(parser, "Numbers have at most " + MAX_DIGITS + " digits before and after the point",
                        value.toString(), BigDecimal.class);
            }
            return value;
        }
    }

    private static final class BoundedInteger extends ValueDeserializer<BigInteger> {
        @Override
        public BigInteger deserialize(JsonParser parser, DeserializationContext context) {
            var decimal = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (decimal == null) {
                return null;
            }
            if (!fits(decimal, MAX_DIGITS, 0)) {
                throw InvalidFormatException.from(parser, "Whole numbers have at most " + MAX_DIGITS + " digits",
                        decimal.toString(), BigInteger.class);
            }
            return decimal.toBigIntegerExact();
        }
    }
}
