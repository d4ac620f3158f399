package coop.izek.support.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import coop.izek.support.web.BoundedNumbers;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An exact amount of money: {@code {"amount": "100.00", "currency": "TRY"}} on the wire, the amount a decimal string.
 * In requests a bare amount ({@code "100.00"} or {@code 100}) is accepted too; its currency is then unknown
 * ({@code null}) and the receiving rule supplies the one it expects.
 */
@JsonDeserialize(using = MoneyDeserializer.class)
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** Enough for any amount a cooperative handles (trillions), few enough that no arithmetic on it is costly. */
    public static final int MAX_INTEGER_DIGITS = 13;

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency != null) {
            Currency.getInstance(currency);
        }
    }

    /** At most {@value #MAX_INTEGER_DIGITS} digits before the point and two after it (cents, kuruş, grosze). */
    public static boolean isPlausible(BigDecimal amount) {
        return BoundedNumbers.fits(amount, MAX_INTEGER_DIGITS, 2);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency).normalised();
    }

    /** Two decimals, as money is shown and compared; more precision than cents is refused rather than rounded. */
    public Money normalised() {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY), currency);
    }

    public Money inCurrency(String expected) {
        return currency == null ? new Money(amount, expected) : this;
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency).normalised();
    }

    public long minorUnits() {
        return amount.movePointRight(2).longValueExact();
    }

    public static Money ofMinorUnits(long minor, String currency) {
        return new Money(BigDecimal.valueOf(minor, 2), currency);
    }

    /** Same currency and the same value, whatever the scale ("100" equals "100.00"). */
    public boolean sameAs(Money other) {
        return Objects.equals(currency, other.currency) && amount.compareTo(other.amount) == 0;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
