package coop.izek.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import coop.izek.testsupport.Microbenchmarks;

/** Runs {@link DocumentEncodingBenchmark} (a smoke run; {@code -Dizek.jmh=full} measures). */
class DocumentEncodingBenchmarkTest {

    @Test
    void shouldMeasureTheStoresEncodingBesideTheBackendsEncoder() {
        var ran = Microbenchmarks.run(DocumentEncodingBenchmark.class).stream()
                .map(result -> result.getParams().getBenchmark().replaceAll(".*\\.", "")).toList();

        assertThat(ran).containsExactlyInAnyOrder("storesEncoding", "backendsEncoder");
    }
}
