package coop.izek.portal.catalogue;

import java.util.List;
import java.util.Map;

/** Text the APIs give in several languages ({tr, en, pl}): for files read outside the site, Turkish first. */
final class Texts {

    private Texts() {
    }

    static String turkishFirst(Object texts) {
        if (texts instanceof Map<?, ?> map) {
            for (var language : List.of("tr", "en", "pl")) {
                if (map.get(language) instanceof String text && !text.isBlank()) {
                    return text;
                }
            }
            return "";
        }
        return texts == null ? "" : texts.toString();
    }
}
