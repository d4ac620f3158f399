package coop.izek.portal.site;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import coop.izek.portal.Cooperative;

/**
 * Dates, times and money in the reader's language and in the cooperative's time zone, for the templates
 * ({@code ${@formats.dateTime(session.start)}}). Text in the reader's language picked from the APIs' {tr, en, pl} maps.
 */
@Component("formats")
public class Formats {

    public String dateTime(Object value) {
        var time = instant(value);
        return time == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).format(time.atZoneSameInstant(Cooperative.TIME_ZONE));
    }

    public String date(Object value) {
        if (value == null) {
            return "";
        }
        var formatter = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale());
        var text = value.toString();
        if (text.length() == 10) {
            return formatter.format(LocalDate.parse(text));
        }
        return formatter.format(instant(value).atZoneSameInstant(Cooperative.TIME_ZONE));
    }

    public String time(Object value) {
        var time = instant(value);
        return time == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale())
                .format(time.atZoneSameInstant(Cooperative.TIME_ZONE));
    }

    /** An ISO-8601 instant in the cooperative's time zone, for {@code <time datetime>} and schema.org. */
    public String iso(Object value) {
        var time = instant(value);
        return time == null ? "" : time.atZoneSameInstant(Cooperative.TIME_ZONE).toOffsetDateTime().toString();
    }

    /** {@code {amount:"150.00", currency:"TRY"}} as the reader writes money: "₺150,00", "150,00 zł". */
    public String money(Object value) {
        if (!(value instanceof Map<?, ?> money) || money.get("amount") == null) {
            return "";
        }
        var amount = new BigDecimal(money.get("amount").toString());
        var format = NumberFormat.getCurrencyInstance(locale());
        var currency = money.get("currency") == null ? "TRY" : money.get("currency").toString();
        format.setCurrency(Currency.getInstance(currency));
        return format.format(amount);
    }

    public boolean free(Object value) {
        return value instanceof Map<?, ?> money && money.get("amount") != null
                && new BigDecimal(money.get("amount").toString()).signum() == 0;
    }

    /** The text in the reader's language from a {tr, en, pl} map, else Turkish, else any. */
    public String text(Object value) {
        if (value instanceof Map<?, ?> texts) {
            for (var language : new String[] {locale().getLanguage(), "tr", "en", "pl"}) {
                if (texts.get(language) instanceof String text && !text.isBlank()) {
                    return text;
                }
            }
            return texts.values().stream().filter(String.class::isInstance).map(String.class::cast).findFirst().orElse("");
        }
        return value == null ? "" : value.toString();
    }

    /** Upper case by the reader's language's rules: Turkish "istanbul" is "İSTANBUL", not "ISTANBUL". */
    public String upper(String text) {
        return text == null ? "" : text.toUpperCase(locale());
    }

    private static OffsetDateTime instant(Object value) {
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
