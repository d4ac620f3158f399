package coop.izek.support.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import coop.izek.support.security.ApiAuthorizationRules;

/**
 * A minimal service on the support module, to test the module the way services use it: its token checks are the
 * platform's own, against {@code TestTokens}' published keys.
 */
@SpringBootApplication
public class SampleApplication {

    @Bean
    ApiAuthorizationRules sampleRules() {
        return requests -> requests
                .requestMatchers("/samples/public/**").permitAll()
                .requestMatchers("/samples/admin/**").hasRole("ADMIN")
                .requestMatchers("/samples/people/**").access(ApiAuthorizationRules.person())
                .requestMatchers("/samples/accounts/**").access(ApiAuthorizationRules.signedIn());
    }
}
