package coop.izek.workshop.workshops.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.CacheControl;

/**
 * How long anyone (the gateway, a browser) may keep the catalogue as an anonymous visitor sees it: the seats left shown
 * may be that old, the enrolment itself always decides on the stored seats. Zero lets nobody keep it.
 *
 * @param maxAge the {@code max-age} of the anonymous catalogue's pages
 */
@ConfigurationProperties("izek.workshop.public-pages")
record PublicPages(@DefaultValue("1s") Duration maxAge) {

    CacheControl cacheControl() {
        return maxAge.isZero() ? CacheControl.noStore() : CacheControl.maxAge(maxAge).cachePublic();
    }
}
