package coop.izek.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import coop.izek.testsupport.Microbenchmarks;

/** Runs {@link TokenCheckBenchmark} (a smoke run; {@code -Dizek.jmh=full} measures). */
class TokenCheckBenchmarkTest {

    @Test
    void shouldMeasureTheFullCheckBesideARememberedToken() {
        var scores = Microbenchmarks.run(TokenCheckBenchmark.class).stream().collect(Collectors.toMap(
                result -> result.getParams().getBenchmark().replaceAll(".*\\.", ""), result -> result.getPrimaryResult().getScore()));

        assertThat(scores).containsOnlyKeys("firstUse", "rememberedToken");
        // The full check does all a remembered token's check does, and parses the token and checks its signature first.
        assertThat(scores.get("rememberedToken")).isLessThan(scores.get("firstUse"));
    }
}
