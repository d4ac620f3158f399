package coop.izek.membership.assemblies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quorum and outcome with numbers pinned (a quarter of the roll must vote; passed needs quorum and more yes than no). */
class AssemblyResultTest {

    @Test
    void shouldMeetQuorumAtAQuarterOfTheRollRoundedUp() {
        assertThat(Assemblies.Result.of(1, 0, 0, 8, 0.25).quorumMet()).isFalse();
        assertThat(Assemblies.Result.of(1, 1, 0, 8, 0.25).quorumMet()).isTrue();
        assertThat(Assemblies.Result.of(2, 0, 0, 9, 0.25).quorumMet()).isFalse();
        assertThat(Assemblies.Result.of(2, 0, 1, 9, 0.25).quorumMet()).isTrue();
        assertThat(Assemblies.Result.of(0, 0, 0, 0, 0.25).quorumMet()).isFalse();
    }

    @Test
    void shouldPassOnlyWithQuorumAndMoreYesThanNo() {
        var passed = Assemblies.Result.of(3, 1, 1, 12, 0.25);
        assertThat(passed.votesCast()).isEqualTo(5);
        assertThat(passed.quorumMet()).isTrue();
        assertThat(passed.passed()).isTrue();
        assertThat(Assemblies.Result.of(2, 2, 0, 12, 0.25).passed()).as("a tie").isFalse();
        assertThat(Assemblies.Result.of(2, 0, 0, 12, 0.25).passed()).as("no quorum").isFalse();
        assertThat(Assemblies.Result.of(1, 3, 0, 12, 0.25).passed()).isFalse();
    }
}
