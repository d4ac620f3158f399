package coop.izek.membership.identity;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What registration and sign-in cost in password hashing, with the encoder the service uses: one hash per
 * registration, one check per sign-in. It bounds how many people 2 cores can register and sign in a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class PasswordHashingBenchmark {

    private PasswordEncoder passwords;
    private String stored;

    @Setup
    public void setUp() {
        passwords = new IdentityConfiguration().passwordEncoder();
        stored = passwords.encode("correct horse battery staple");
    }

    @Benchmark
    public String hashAtRegistration() {
        return passwords.encode("correct horse battery staple");
    }

    @Benchmark
    public boolean checkAtSignIn() {
        return passwords.matches("correct horse battery staple", stored);
    }
}
