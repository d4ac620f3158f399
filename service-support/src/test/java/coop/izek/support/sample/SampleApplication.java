package coop.izek.support.sample;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import coop.izek.support.security.ApiAuthorizationRules;

/** A minimal service on the support module, to test the module the way services use it. */
@SpringBootApplication
public class SampleApplication {

    private final RSAKey key = newKey();

    @Bean
    JwtDecoder jwtDecoder() throws Exception {
        return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
    }

    @Bean
    Tokens tokens() {
        return new Tokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))));
    }

    @Bean
    ApiAuthorizationRules sampleRules() {
        return requests -> requests
                .requestMatchers("/samples/public/**").permitAll()
                .requestMatchers("/samples/admin/**").hasRole("ADMIN");
    }

    /** Mints tokens as membership-service would. */
    public record Tokens(JwtEncoder encoder) {
        public String forPerson(String personId, String... roles) {
            var claims = JwtClaimsSet.builder().subject(personId).issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(300)).claim("roles", List.of(roles)).build();
            return encoder.encode(JwtEncoderParameters.from(claims)).getTokenValue();
        }
    }

    private static RSAKey newKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID("test").build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
