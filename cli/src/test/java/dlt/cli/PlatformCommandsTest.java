package dlt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.local.platform.LocalPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands against a running local platform, found through its local.json. */
class PlatformCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static LocalPlatform platform;

    @BeforeAll
    static void up() {
        platform = LocalPlatform.start(LocalPlatform.Settings.defaults(dir.resolve("data")).withPorts(0, 0, 0)
                .withRegions(List.of("us-east-1"), 4).withWorkerJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")));
    }

    @AfterAll
    static void down() {
        if (platform != null) platform.close();
    }

    private static String data() {
        return dir.resolve("data").toString();
    }

    private static Path scenario(String name, String holdFor, String thresholds) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"testName": "%s", "testDescription": "cli test", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "%s", "scenario": "main"}],
                   "scenarios": {"main": {"requests": [{"url": "%s/fast", "method": "GET"}]}},
                   "thresholds": %s}}
                """.formatted(name, holdFor, platform.sampleTarget(), thresholds));
        return file;
    }

    @Test
    void create_statusWatch_results_passingThresholds_exit0() throws Exception {
        Dlt.Outcome created = Dlt.run("create", scenario("cli pass", "2s", "{\"error_rate\": [\"<50%\"]}").toString(),
                "--data", data());
        assertThat(created.exit()).as(created.err()).isZero();
        String testId = created.out().strip();
        assertThat(testId).matches("[A-Za-z0-9]{10}");

        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out()).contains("complete").contains("thresholds: passed");

        Dlt.Outcome json = Dlt.run("results", testId, "--format", "json", "--data", data());
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode summary = JSON.readTree(json.out());
        assertThat(summary.path("version").asInt()).isEqualTo(1);
        assertThat(summary.path("requests").asLong()).isPositive();
        assertThat(summary.path("thresholds").path("passed").asBoolean()).isTrue();

        Dlt.Outcome junit = Dlt.run("results", testId, "--format", "junit", "--data", data());
        assertThat(junit.out()).contains("<testsuite").contains("failures=\"0\"");

        Dlt.Outcome list = Dlt.run("scenarios", "--data", data());
        assertThat(list.out()).contains(testId).contains("cli pass");

        Path saved = dir.resolve("reports").resolve("pass.html");
        Dlt.Outcome report = Dlt.run("report", testId, "--out", saved.toString(), "--data", data());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(report.out().strip()).isEqualTo(saved.toString());
        assertThat(Files.readString(saved)).containsIgnoringCase("<html");
    }

    @Test
    void aScheduledScenario_isShownWithItsNextRuns_andStartRunsItNowKeepingTheSchedule() throws Exception {
        Path file = dir.resolve("scheduled.json");
        JsonNode body = JSON.readTree(Files.readString(scenario("cli scheduled", "1s", "{}")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("cronValue", "0 3 * * 1-5")
                .put("scheduleTimezone", "Europe/Paris");
        Files.writeString(file, body.toString());

        Dlt.Outcome created = Dlt.run("create", file.toString(), "--data", data());
        assertThat(created.exit()).as(created.err()).isZero();
        String testId = created.out().strip();
        assertThat(created.err()).contains("scheduled").contains("next scheduled run");

        Dlt.Outcome status = Dlt.run("status", testId, "--data", data());
        assertThat(status.out()).containsPattern("schedule: cron 0 3 \\* \\* 1-5 in Europe/Paris; next runs: "
                + "\\d{4}-\\d{2}-\\d{2}T03:00:00\\+0[12]:00, ");
        assertThat(Dlt.run("scenarios", "--data", data()).out()).containsPattern(testId + " +scheduled +0 +- +\\d{4}-");

        Dlt.Outcome started = Dlt.run("start", testId, "--data", data());
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.err()).contains("run ").contains("next scheduled run");
        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.out()).contains("complete").contains("schedule: cron 0 3 * * 1-5");
    }

    @Test
    void createWithJMeterScript_uploadsItAndTheWorkersRunIt() throws Exception {
        Path plan = dir.resolve("plan.jmx");
        try (var in = PlatformCommandsTest.class.getResourceAsStream("/scripts/plan.jmx")) {
            Files.writeString(plan, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("@PORT@", String.valueOf(platform.sampleTarget().getPort())));
        }
        Path file = dir.resolve("jmeter.json");
        Files.writeString(file, """
                {"testName": "cli jmeter", "testDescription": "cli test", "testType": "jmeter",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "2s", "scenario": "plan"}],
                   "scenarios": {"plan": {}}}}
                """);

        Dlt.Outcome created = Dlt.run("create", file.toString(), "--script", plan.toString(), "-q", "--data", data());
        assertThat(created.exit()).as(created.err()).isZero();
        String testId = created.out().strip();

        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out()).contains("complete");
        JsonNode summary = JSON.readTree(Dlt.run("results", testId, "--format", "json", "--data", data()).out());
        // the plan's samplers, with the scenario's 2 threads for 2 s on each of 2 workers
        assertThat(summary.path("labels").path("fast").path("requests").asLong()).isPositive();
        assertThat(summary.path("labels").path("missing").path("failures").asLong())
                .isEqualTo(summary.path("labels").path("missing").path("requests").asLong()).isPositive();
    }

    @Test
    void createWithLocustfile_workersRunLocust() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dlt.core.script.ScriptTools.onPath(System.getenv("PATH")).locust() != null,
                "locust is not installed");
        Path locustfile = dir.resolve("locustfile.py");
        try (var in = PlatformCommandsTest.class.getResourceAsStream("/scripts/locustfile.py")) {
            // on the platform there is no --host: the locustfile names its target, as DLT's users do
            Files.writeString(locustfile, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("    wait_time", "    host = \"" + platform.sampleTarget() + "\"\n    wait_time"));
        }
        Path file = dir.resolve("locust.json");
        Files.writeString(file, """
                {"testName": "cli locust", "testDescription": "cli test", "testType": "locust",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "2s", "scenario": "users"}],
                   "scenarios": {"users": {}}}}
                """);

        Dlt.Outcome created = Dlt.run("create", file.toString(), "--script", locustfile.toString(), "-q", "--data", data());
        assertThat(created.exit()).as(created.err()).isZero();
        String testId = created.out().strip();

        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
        assertThat(watched.out()).contains("complete");
        JsonNode summary = JSON.readTree(Dlt.run("results", testId, "--format", "json", "--data", data()).out());
        assertThat(summary.path("labels").path("browse").path("requests").asLong()).isPositive();
        assertThat(summary.path("labels").path("browse").path("failures").asLong()).isZero();
        assertThat(summary.path("labels").path("missing item").path("failures").asLong()).isPositive();
    }

    @Test
    void brokenThreshold_exit99() throws Exception {
        String testId = Dlt.run("create", scenario("cli fail", "2s", "{\"rps\": [\">100000000\"]}").toString(), "-q",
                "--data", data()).out().strip();
        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.exit()).as(watched.out() + watched.err()).isEqualTo(DltCommand.EXIT_THRESHOLD_FAILED);
        assertThat(watched.out()).contains("thresholds: FAILED");
        Dlt.Outcome results = Dlt.run("results", testId, "--data", data());
        assertThat(results.exit()).isEqualTo(DltCommand.EXIT_THRESHOLD_FAILED);
    }

    @Test
    void cancel_stopsTheRun_andApiTokenFlagsWork() throws Exception {
        String testId = Dlt.run("create", scenario("cli cancel", "60s", "{}").toString(), "-q",
                "--api", platform.apiUrl(), "--token", platform.token()).out().strip();
        Dlt.Outcome cancelled = Dlt.run("cancel", testId, "--data", data());
        assertThat(cancelled.exit()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("cancelling");
        Dlt.Outcome watched = Dlt.run("status", testId, "--watch", "--interval", "0.5", "--data", data());
        assertThat(watched.out()).contains("cancelled");
        assertThat(watched.exit()).as("a watched run that did not complete").isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(Dlt.run("status", testId, "--data", data()).exit()).as("a plain status query").isZero();
    }

    @Test
    void errors_exit1_inOneLine() throws Exception {
        Dlt.Outcome missing = Dlt.run("status", "NoSuchTest", "--data", data());
        assertThat(missing.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(missing.err().strip()).startsWith("dlt: ").doesNotContain("\n");

        Dlt.Outcome wrongToken = Dlt.run("scenarios", "--api", platform.apiUrl(), "--token", "wrong");
        assertThat(wrongToken.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(wrongToken.err()).contains("UNAUTHORIZED");

        Dlt.Outcome noPlatform = Dlt.run("scenarios", "--data", dir.resolve("nothing-here").toString());
        assertThat(noPlatform.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(noPlatform.err()).contains("./dlt up");

        Dlt.Outcome noReport = Dlt.run("report", "NoSuchTest", "--run", "NoSuchRun1", "--data", data());
        assertThat(noReport.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(noReport.err().strip()).startsWith("dlt: ").doesNotContain("\n");

        Dlt.Outcome badFormat = Dlt.run("results", "x", "--format", "xml", "--data", data());
        assertThat(badFormat.exit()).isEqualTo(DltCommand.EXIT_ERROR);
    }
}
