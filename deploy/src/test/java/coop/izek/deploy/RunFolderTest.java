package coop.izek.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir
    Path folder;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldStopWhatALauncherKilledWithoutStoppingItsChildrenLeftRunning() throws Exception {
        var run = folder.resolve("run");
        var killedLaunchersRun = RunFolder.claim(run, new ArrayList<>());
        var leftover = sleeper();
        killedLaunchersRun.record("workshop-service", leftover.toHandle());

        var stopped = new ArrayList<String>();
        RunFolder.claim(run, stopped);

        assertThat(stopped).containsExactly("workshop-service");
        assertThat(leftover.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(run.resolve("workshop-service.pid")).doesNotExist();
    }

    @Test
    void shouldLeaveAloneAProcessThatOnlyHasTheSamePid() throws Exception {
        var run = Files.createDirectories(folder.resolve("run"));
        var stranger = sleeper();
        // The pid of a process that started at another time: the noted one is gone and its pid was given again.
        long otherStart = stranger.toHandle().info().startInstant().orElseThrow().toEpochMilli() - 60_000;
        Files.writeString(run.resolve("store.pid"), stranger.pid() + " " + otherStart + "\n");

        var stopped = new ArrayList<String>();
        RunFolder.claim(run, stopped);

        assertThat(stopped).isEmpty();
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void shouldRefuseToStartWhileAnotherLauncherRunsFromTheSameDataFolder() throws Exception {
        var run = folder.resolve("run");
        var otherLauncher = sleeper();
        RunFolder.claim(run, new ArrayList<>()).record(RunFolder.LAUNCHER, otherLauncher.toHandle());

        assertThatThrownBy(() -> RunFolder.claim(run, new ArrayList<>())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already runs from this data folder (launcher pid " + otherLauncher.pid() + ")");

        otherLauncher.destroyForcibly().waitFor();
        assertThat(RunFolder.claim(run, new ArrayList<>())).isNotNull();
    }

    private Process sleeper() throws IOException {
        var process = new ProcessBuilder("sleep", "300").start();
        started.add(process);
        return process;
    }

    static long pidIn(Path run, String name) throws IOException {
        return Long.parseLong(Files.readString(run.resolve(name + ".pid")).strip().split(" ")[0]);
    }
}
