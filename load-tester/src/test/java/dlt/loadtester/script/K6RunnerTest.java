package dlt.loadtester.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.core.result.WorkerResult;
import dlt.loadtester.engine.RunListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k6 cannot be installed on these machines: a stand-in program plays it, writing the recorded JSON
 * output to the file named by {@code --out json=}, so the runner's command line, its reading of the
 * output while it grows and its handling of exit codes are tested without k6.
 */
class K6RunnerTest {

    @TempDir
    Path dir;

    @Test
    void command_withRampUp_usesTwoStagesAndTheOutputFile() {
        K6Runner runner = new K6Runner(Path.of("/usr/bin/k6"), dir.resolve("script.js"),
                new ScriptLoad(20, 10_000_000_000L, 30_000_000_000L, null));
        assertThat(runner.command(dir.resolve("out.json"))).containsSubsequence("run", "--out",
                "json=" + dir.resolve("out.json"), "--stage", "10s:20", "--stage", "30s:20", dir.resolve("script.js").toString());
    }

    @Test
    void command_asWritten_leavesTheScriptsOptionsAlone() {
        K6Runner runner = new K6Runner(Path.of("/usr/bin/k6"), dir.resolve("script.js"), ScriptLoad.asWritten());
        assertThat(runner.command(dir.resolve("out.json"))).doesNotContain("--vus", "--stage", "--duration");
    }

    @Test
    void run_k6WritesItsJsonOutput_everyRequestRecorded() throws Exception {
        Path k6 = fakeK6(0);
        Path script = Files.writeString(dir.resolve("script.js"), "export default function () {}\n");

        WorkerResult result = ScriptFixtures.run(new K6Runner(k6, script, new ScriptLoad(2, 0, 1_000_000_000L, null)),
                RunListener.NONE, 30);

        assertThat(result.total().requests()).isEqualTo(5);
        assertThat(result.labels()).containsKeys("home", "down");
        assertThat(Files.readString(dir.resolve("args"))).contains("--vus 2 --duration 1s");
    }

    @Test
    void run_k6FailsToStart_failureCarriesItsOutput() throws Exception {
        Path k6 = fakeK6(107);
        Path script = Files.writeString(dir.resolve("script.js"), "syntax error here\n");

        assertThatThrownBy(() -> ScriptFixtures.run(new K6Runner(k6, script, ScriptLoad.asWritten()), RunListener.NONE, 30))
                .hasRootCauseInstanceOf(ScriptFailure.class)
                .rootCause().hasMessageContaining("exited with code 107").hasMessageContaining("fake k6 says hello");
    }

    /** A shell script standing in for k6: copies the recorded output to the json= file, exits with {@code exit}. */
    private Path fakeK6(int exit) throws Exception {
        Path recorded = ScriptFixtures.copy("k6", dir.resolve("fixture"), Map.of()).resolve("recorded-output.json");
        Path k6 = dir.resolve("k6");
        Files.writeString(k6, """
                #!/bin/sh
                echo "$@" > '%s'
                echo "fake k6 says hello"
                for a in "$@"; do case "$a" in json=*) out="${a#json=}";; esac; done
                [ %d -eq 0 ] && cat '%s' >> "$out"
                exit %d
                """.formatted(dir.resolve("args"), exit, recorded, exit), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(k6, PosixFilePermissions.fromString("rwxr-xr-x"));
        return k6;
    }
}
