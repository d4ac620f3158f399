package coop.izek.notification.messages;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Message texts per kind and locale (tr, en, pl; Turkish, the cooperative's language, when the locale is unknown),
 * from {@code messages/notifications*.properties}: {@code <kind>.subject} and {@code <kind>.body} with {@code {name}}
 * placeholders.
 */
@Component
public class MessageTemplates {

    public record Rendered(String subject, String body) {
    }

    public static final Set<String> LOCALES = Set.of("tr", "en", "pl");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final MessageSource messages;

    MessageTemplates(MessageSource messages) {
        this.messages = messages;
    }

    public Rendered render(String kind, String locale, Map<String, String> values) {
        var language = Locale.forLanguageTag(locale != null && LOCALES.contains(locale) ? locale : "tr");
        return new Rendered(fill(messages.getMessage(kind + ".subject", null, language), values),
                fill(messages.getMessage(kind + ".body", null, language), values));
    }

    private static String fill(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), "")));
    }
}
