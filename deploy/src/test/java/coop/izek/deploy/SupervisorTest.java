package coop.izek.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @TempDir
    Path folder;
    final ByteArrayOutputStream said = new ByteArrayOutputStream();
    final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(child -> child.stop(Duration.ofSeconds(5)));
    }

    @Test
    void shouldStartAgainAProcessThatEndsOnItsOwnAndSaySo() throws Exception {
        var runs = folder.resolve("runs.txt");
        var supervisor = supervisor();
        // Ends at once the first time, then stays up.
        supervisor.start("workshop-service", () -> child("workshop-service",
                "echo run >> " + runs + "; [ $(wc -l < " + runs + ") -ge 2 ] && exec sleep 300; exit 3"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            supervisor.check();
            assertThat(Files.readAllLines(runs)).hasSize(2);
        });

        assertThat(said()).contains("! workshop-service stopped on its own (exit code 3); starting it again. Its log:")
                .contains("workshop-service started again (the log of the run that ended: ")
                .contains("workshop-service.previous.log");
        assertThat(supervisor.children()).singleElement().satisfies(child -> assertThat(child.isAlive()).isTrue());
        assertThat(RunFolderTest.pidIn(folder.resolve("run"), "workshop-service")).isEqualTo(supervisor.children().getFirst().handle().pid());
    }

    @Test
    void shouldSayWhenAProcessWasKilledBySignal() {
        var supervisor = supervisor();
        var first = supervisor.start("kafka", () -> child("kafka", "exec sleep 300"));

        first.handle().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            supervisor.check();
            assertThat(said()).contains("started again");
        });

        assertThat(said()).contains("! kafka stopped on its own (killed by signal 9)");
        assertThat(supervisor.children().getFirst()).isNotSameAs(first);
    }

    @Test
    void shouldWaitLongerEachTimeAProcessEndsSoonAfterItsStart() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 50).stream().map(Supervisor::waitAfter).map(Duration::toSeconds))
                .containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void shouldStartNothingAgainOnceStopping() {
        var supervisor = supervisor();
        supervisor.start("store", () -> child("store", "exit 1"));
        supervisor.stopSupervising();

        await().atMost(Duration.ofSeconds(10)).until(() -> !supervisor.children().getFirst().isAlive());
        supervisor.check();

        assertThat(said()).doesNotContain("started again");
    }

    private Supervisor supervisor() {
        return new Supervisor(RunFolder.claim(folder.resolve("run"), new ArrayList<>()),
                new PrintStream(said, true, StandardCharsets.UTF_8));
    }

    private ChildProcess child(String name, String script) {
        var child = ChildProcess.start(name, List.of("sh", "-c", script), Map.of(), folder.resolve("logs").resolve(name + ".log"), folder);
        started.add(child);
        return child;
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }
}
