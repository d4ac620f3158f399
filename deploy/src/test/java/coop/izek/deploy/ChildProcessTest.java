package coop.izek.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path folder;

    @Test
    void shouldKeepTheLastRunsLogBesideTheNewOneWhenStartedAgain() throws Exception {
        var log = folder.resolve("logs").resolve("workshop-service.log");

        assertThat(ChildProcess.start("workshop-service", List.of("sh", "-c", "echo first run ended badly"), Map.of(), log, folder)
                .waitFor()).isZero();
        assertThat(ChildProcess.start("workshop-service", List.of("sh", "-c", "echo second run"), Map.of(), log, folder)
                .waitFor()).isZero();

        assertThat(Files.readString(log)).isEqualTo("second run\n");
        assertThat(Files.readString(folder.resolve("logs").resolve("workshop-service.previous.log"))).isEqualTo("first run ended badly\n");
    }
}
