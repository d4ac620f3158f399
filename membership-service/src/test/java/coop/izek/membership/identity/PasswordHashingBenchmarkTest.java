package coop.izek.membership.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import coop.izek.testsupport.Microbenchmarks;

/** Runs {@link PasswordHashingBenchmark} (a smoke run; {@code -Dizek.jmh=full} measures). */
class PasswordHashingBenchmarkTest {

    @Test
    void shouldMeasureHashingAndCheckingAPassword() {
        var results = Microbenchmarks.run(PasswordHashingBenchmark.class);

        assertThat(results).extracting(result -> result.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("hashAtRegistration", "checkAtSignIn");
        // bcrypt at the encoder's strength takes milliseconds, whatever the machine: far more is a weaker hash.
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).as("µs per operation")
                .isGreaterThan(1_000));
    }
}
