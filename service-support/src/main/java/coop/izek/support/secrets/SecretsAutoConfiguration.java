package coop.izek.support.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsAutoConfiguration {

    @Bean
    Secrets secrets(SecretsProperties properties) {
        return Secrets.load(properties);
    }

    @Bean
    SignedLinks signedLinks(Secrets secrets) {
        return new SignedLinks(secrets);
    }
}
