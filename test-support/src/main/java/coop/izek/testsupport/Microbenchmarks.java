package coop.izek.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a class's JMH benchmarks (hot inner code, issue 15) from a test. By default a smoke run, part of the test
 * command so the benchmarks cannot rot: in the test's JVM, one short iteration, figures meaningless. With
 * {@code -Dizek.jmh=full}: a forked JVM, warm-up and measured iterations, the results also written as JSON to
 * {@code target/jmh/<benchmark class>.json}. See docs/benchmarks.md.
 */
public final class Microbenchmarks {

    private Microbenchmarks() {
    }

    /** Whether this run measures (else it only runs each benchmark once over). */
    private static boolean full() {
        return "full".equals(System.getProperty("izek.jmh"));
    }

    public static Collection<RunResult> run(Class<?> benchmarks) {
        var options = new OptionsBuilder().include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
                .timeUnit(TimeUnit.MICROSECONDS).shouldFailOnError(true);
        if (full()) {
            try {
                Files.createDirectories(Path.of("target", "jmh"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2)).resultFormat(ResultFormatType.JSON)
                    .result(Path.of("target", "jmh", benchmarks.getSimpleName() + ".json").toString());
        } else {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        }
        try {
            return new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run of " + benchmarks.getName() + " failed", e);
        }
    }
}
