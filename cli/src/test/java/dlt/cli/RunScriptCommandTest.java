package dlt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dlt.core.result.RunSummary;
import dlt.core.script.ScriptTools;
import dlt.loadtester.target.SampleTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlt run FILE} with scripts, in this JVM against the sample target. */
class RunScriptCommandTest {
    private static SampleTarget target;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTarget() {
        target = SampleTarget.start(0);
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void run_jmxWithoutFlags_planOwnThreadGroupsAndLabelsAsTheSamplersNameThem() throws IOException {
        Path plan = fixture("plan.jmx");

        Dlt.Outcome o = Dlt.run("run", plan.toString(), "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        RunSummary summary = RunSummary.fromJson(o.out());
        // 2 threads x 10 loops of two samplers
        assertThat(summary.labels()).containsOnlyKeys("fast", "missing");
        assertThat(summary.labels().get("fast").requests()).isEqualTo(20);
        assertThat(summary.labels().get("missing").requests()).isEqualTo(20);
        assertThat(summary.labels().get("missing").failures()).isEqualTo(20);
        assertThat(summary.errors()).containsEntry("http_4xx", 20L);
        assertThat(o.err()).contains("with its own thread groups").contains("as the script's tool measured them");
    }

    @Test
    void run_jmxWithThreshold_exit99WhenItFails() throws IOException {
        Dlt.Outcome o = Dlt.run("run", fixture("plan.jmx").toString(), "--threshold", "error_rate<1%");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_THRESHOLD_FAILED);
    }

    @Test
    void run_locustfile_usersAndDurationFromFlags() throws IOException {
        assumeTrue(ScriptTools.onPath(System.getenv("PATH")).locust() != null, "locust is not installed");

        Dlt.Outcome o = Dlt.run("run", fixture("locustfile.py").toString(), "--url", target.baseUri().toString(),
                "--vus", "2", "--duration", "2s", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        RunSummary summary = RunSummary.fromJson(o.out());
        assertThat(summary.labels()).containsOnlyKeys("browse", "missing item");
        assertThat(summary.labels().get("browse").failures()).isZero();
        assertThat(summary.labels().get("missing item").failures()).isEqualTo(summary.labels().get("missing item").requests());
    }

    @Test
    void run_k6ScriptWithoutK6_exit1NamingWhatIsMissing() throws IOException {
        assumeTrue(ScriptTools.onPath(System.getenv("PATH")).k6() == null, "k6 is installed here");
        Path script = Files.writeString(dir.resolve("script.js"), "export default function () {}\n");

        Dlt.Outcome o = Dlt.run("run", script.toString());

        assertThat(o.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.err()).contains("the k6 program is not installed");
    }

    @Test
    void run_jmxWithUrl_refusedAsAnUsageError() throws IOException {
        Dlt.Outcome o = Dlt.run("run", fixture("plan.jmx").toString(), "--url", target.baseUri().toString());

        assertThat(o.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.err()).contains("--url is a Locust file's host");
    }

    @Test
    void run_zippedPlan_typeFromWhatTheZipHolds() throws IOException {
        Path zip = zip("bundle.zip", Map.of("tests/plan.jmx", Files.readString(fixture("plan.jmx"))));

        Dlt.Outcome o = Dlt.run("run", zip.toString(), "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(RunSummary.fromJson(o.out()).labels().get("fast").requests()).isEqualTo(20);
        assertThat(o.err()).contains("jmeter bundle.zip");
    }

    @Test
    void run_zipClimbingOutOfItsFolder_refusedWithExit1() throws IOException {
        Path zip = zip("evil.zip", Map.of("plan.jmx", "<jmeterTestPlan/>", "../../outside.csv", "x"));

        Dlt.Outcome o = Dlt.run("run", zip.toString());

        assertThat(o.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.err()).contains("is refused").contains("climbs out of the bundle");
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = RunScriptCommandTest.class.getResourceAsStream("/scripts/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@PORT@", String.valueOf(target.baseUri().getPort()));
            return Files.writeString(dir.resolve(name), text);
        }
    }
}
