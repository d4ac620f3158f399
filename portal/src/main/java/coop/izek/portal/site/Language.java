package coop.izek.portal.site;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Turkish first, English second, Polish for the partners: {@code ?lang=} switches and a cookie remembers; a first
 * visit follows the browser's languages among those three, else Turkish. Times are the cooperative's: Europe/Istanbul.
 */
@Configuration(proxyBeanMethods = false)
class Language implements WebMvcConfigurer {

    static final Locale TURKISH = Locale.forLanguageTag("tr-TR");
    static final List<Locale> SUPPORTED = List.of(TURKISH, Locale.forLanguageTag("en"), Locale.forLanguageTag("pl"));

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("IZEK_LANG") {
            @Override
            public void setLocaleContext(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                         org.springframework.context.i18n.LocaleContext context) {
                // Only the three languages the site is written in are remembered.
                var asked = context == null ? null : context.getLocale();
                super.setLocaleContext(request, response, asked == null ? null
                        : new org.springframework.context.i18n.SimpleLocaleContext(supported(asked)));
            }
        };
        resolver.setDefaultLocaleFunction(request -> request.getHeader("Accept-Language") == null ? TURKISH
                : java.util.Collections.list(request.getLocales()).stream()
                .filter(asked -> SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(asked.getLanguage())))
                .findFirst().map(Language::supported).orElse(TURKISH));
        resolver.setCookieMaxAge(java.time.Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** The nearest of the site's languages (Turkish for any other). */
    static Locale supported(Locale locale) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst().orElse(TURKISH);
    }
}
