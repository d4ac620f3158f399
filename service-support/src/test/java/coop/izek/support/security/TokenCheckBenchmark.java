package coop.izek.support.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import coop.izek.testsupport.TestTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token check on every API call, as the services make it: the full check (parse, RSA signature, claims), which a
 * token gets on its first use, and a remembered token's, which is its claims alone ({@link VerifiedTokens}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class TokenCheckBenchmark {

    private JwtDecoder fullCheck;
    private JwtDecoder remembered;
    private String token;

    @Setup
    public void setUp() {
        var properties = new TokenProperties(TestTokens.ISSUER, URI.create(TestTokens.jwkSetUri()), TestTokens.AUDIENCE,
                Duration.ofMinutes(20));
        var validator = PlatformTokens.validator(properties,
                new RevokedTokens(Map.of(), properties.revocationWindow(), Clock.systemUTC(), JsonMapper.builder().build()));
        fullCheck = PlatformTokens.fullCheck(properties, validator);
        remembered = new VerifiedTokens(fullCheck, validator);
        token = TestTokens.forPerson("p-benchmark", "MEMBER");
        remembered.decode(token);
    }

    @Benchmark
    public Jwt firstUse() {
        return fullCheck.decode(token);
    }

    @Benchmark
    public Jwt rememberedToken() {
        return remembered.decode(token);
    }
}
