package coop.izek.gateway.caching;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's cache of what services declare anyone may keep ({@code Cache-Control: public, max-age}).
 *
 * @param enabled    off: every request goes to its service
 * @param longest    an answer is kept for its {@code max-age}, but never longer than this
 * @param size       all kept answers together
 * @param largestBody answers larger than this are passed on, not kept
 */
@ConfigurationProperties("izek.gateway.public-cache")
public record PublicCacheProperties(@DefaultValue("true") boolean enabled,
                                    @DefaultValue("10s") Duration longest,
                                    @DefaultValue("16MB") DataSize size,
                                    @DefaultValue("256KB") DataSize largestBody) {
}
