package coop.izek.notification.dispatch;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Message texts per kind and locale (tr, en, pl; Turkish when the locale is unknown). */
@Component
class MessageTemplates {

    record Rendered(String title, String body) {
    }

    private final MessageSource messages;

    MessageTemplates(MessageSource messages) {
        this.messages = messages;
    }

    Rendered render(String kind, String locale, Object... arguments) {
        var language = Locale.forLanguageTag(locale == null ? "tr" : locale);
        return new Rendered(messages.getMessage(kind + ".title", arguments, language),
                messages.getMessage(kind + ".body", arguments, language));
    }
}
