package coop.izek.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points a Spring test context at the {@link TestInfrastructure} and at {@link TestTokens}' signing keys. Each context gets a database of its own, so
 * tests against an external MongoDB never touch data that is not theirs.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        var name = environment.getProperty("spring.application.name", "izek");
        var properties = new HashMap<String, Object>(Map.of(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri", TestInfrastructure.mongoUri(),
                "spring.mongodb.database", name + "-test-" + UUID.randomUUID().toString().substring(0, 8),
                "izek.security.jwk-set-uri", TestTokens.jwkSetUri(),
                "izek.secrets.master-key", TestInfrastructure.masterKey()));
        // Only services that send mail get (and start) the mail server.
        if (ClassUtils.isPresent("org.springframework.mail.javamail.JavaMailSender", context.getClassLoader())) {
            properties.put("spring.mail.host", TestMail.host());
            properties.put("spring.mail.port", TestMail.smtpPort());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("izek-test-infrastructure", properties));
    }
}
