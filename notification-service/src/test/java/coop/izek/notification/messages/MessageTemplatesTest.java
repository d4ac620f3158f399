package coop.izek.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

class MessageTemplatesTest {

    final MessageTemplates templates = new MessageTemplates(messageSource());

    @ParameterizedTest
    @ValueSource(strings = {"en", "pl"})
    void shouldHaveEveryMessageInEveryLanguage(String locale) throws IOException {
        var turkish = load("messages/notifications.properties");
        var other = load("messages/notifications_" + locale + ".properties");

        assertThat(other.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(turkish.stringPropertyNames());
    }

    @Test
    void shouldFillPlaceholdersAndFallBackToTurkish() {
        var rendered = templates.render("welcome", "de", Map.of("name", "Işıl Güneş"));

        assertThat(rendered.subject()).isEqualTo("İZEK'e hoş geldiniz");
        assertThat(rendered.body()).startsWith("Merhaba Işıl Güneş,");
    }

    private static Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (var in = MessageTemplatesTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static ResourceBundleMessageSource messageSource() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages/notifications");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
