package coop.izek.support.money;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/** Reads {@code {"amount": "12.50", "currency": "TRY"}}, or a bare amount as a string or number. */
class MoneyDeserializer extends ValueDeserializer<Money> {

    @Override
    public Money deserialize(JsonParser parser, DeserializationContext context) {
        var token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return new Money(amount(parser, context, parser.getString()), null);
        }
        if (token != JsonToken.START_OBJECT) {
            return (Money) context.handleUnexpectedToken(Money.class, parser);
        }
        BigDecimal amount = null;
        String currency = null;
        for (var name = parser.nextName(); name != null; name = parser.nextName()) {
            parser.nextToken();
            switch (name) {
                case "amount" -> amount = amount(parser, context, parser.getString());
                case "currency" -> currency = parser.getString();
                default -> context.handleUnknownProperty(parser, this, Money.class, name);
            }
        }
        if (amount == null) {
            throw InvalidFormatException.from(parser, "Money needs an amount", null, Money.class);
        }
        try {
            return new Money(amount, currency);
        } catch (IllegalArgumentException unknownCurrency) {
            throw InvalidFormatException.from(parser, "Unknown currency " + currency, currency, Money.class);
        }
    }

    private static BigDecimal amount(JsonParser parser, DeserializationContext context, String text) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (RuntimeException e) {
            throw InvalidFormatException.from(parser, "Not a decimal amount", text, BigDecimal.class);
        }
        if (!Money.isPlausible(amount)) {
            throw InvalidFormatException.from(parser, "Amounts have at most " + Money.MAX_INTEGER_DIGITS
                    + " digits before the point and 2 after it", text, BigDecimal.class);
        }
        return amount;
    }
}
