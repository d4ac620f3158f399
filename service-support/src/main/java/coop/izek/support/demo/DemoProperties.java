package coop.izek.support.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled  load the demo data ({@code IZEK_DEMO}, set by {@code ./izek up --demo})
 * @param retry    how soon to try again while other services' demo data has not arrived yet
 * @param password the demo people's password ({@code IZEK_DEMO_PASSWORD}, generated and printed by {@code ./izek up});
 *                 without it they sign in only after resetting their password by email
 */
@ConfigurationProperties("izek.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("3s") Duration retry, String password) {
}
