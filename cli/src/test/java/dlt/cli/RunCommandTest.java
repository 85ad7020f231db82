package dlt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dlt.core.result.RunSummary;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.loadtester.target.SampleTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlt run} in this JVM against the sample target: output streams, files and exit codes. */
class RunCommandTest {
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
    void run_json_stdoutHoldsOnlyTheSummary() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--vus", "2", "--duration", "1s", "--warm-up", "0s", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(o.out().strip().lines()).hasSize(1);
        RunSummary summary = RunSummary.fromJson(o.out());
        assertThat(summary.version()).isEqualTo(1);
        assertThat(summary.requests()).isPositive();
        assertThat(summary.successes()).isEqualTo(summary.requests());
        assertThat(summary.durationSeconds()).isCloseTo(1.0, within(0.1));
        assertThat(summary.statusCodes()).containsOnlyKeys(200);
        assertThat(summary.thresholds()).isNull();
        assertThat(o.err()).contains("total");
    }

    @Test
    void run_withoutJson_tablesOnStdout() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/status/404"), "--vus", "1", "--duration", "1s", "--warm-up", "0s");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(o.out()).contains("total").contains("status codes: 404=").contains("errors: http_4xx=");
    }

    @Test
    void run_out_writesAResultFileThatReadsBack() throws IOException {
        Path file = dir.resolve("result.json");

        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--vus", "2", "--duration", "1s", "--warm-up", "0s",
                "--out", file.toString(), "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        WorkerResult result = WorkerResultJson.read(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(result.complete()).isTrue();
        assertThat(result.total().requests()).isEqualTo(RunSummary.fromJson(o.out()).requests());
        assertThat(o.err()).contains("result file: " + file);
    }

    @Test
    void run_rate_openModelSendsTheRequestedRate() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--rate", "50", "--duration", "2s", "--warm-up", "0s", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(RunSummary.fromJson(o.out()).requests()).isBetween(98L, 102L);
    }

    @Test
    void run_thresholdBroken_exit99() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--vus", "1", "--duration", "1s", "--warm-up", "0s",
                "--threshold", "p(95)<0.001ms", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_THRESHOLD_FAILED);
        RunSummary summary = RunSummary.fromJson(o.out());
        assertThat(summary.thresholds().passed()).isFalse();
        assertThat(o.err()).contains("FAIL").contains("thresholds FAILED");
    }

    @Test
    void run_thresholdKept_exit0() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--vus", "1", "--duration", "1s", "--warm-up", "0s",
                "--threshold", "p(95)<10s", "--threshold", "error_rate<1%", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(RunSummary.fromJson(o.out()).thresholds().passed()).isTrue();
        assertThat(o.err()).contains("thresholds passed");
    }

    @Test
    void run_failedRequests_stillExit0() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/status/500"), "--vus", "1", "--duration", "1s", "--warm-up", "0s", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        RunSummary summary = RunSummary.fromJson(o.out());
        assertThat(summary.failures()).isEqualTo(summary.requests()).isPositive();
    }

    @Test
    void run_unknownFlag_exit1WithOneLine() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--no-such-flag");

        assertOneLineError(o, "--no-such-flag");
    }

    @Test
    void run_badDuration_exit1WithOneLine() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--duration", "ten seconds");

        assertOneLineError(o, "--duration");
    }

    @Test
    void run_urlNotHttp_exit1WithOneLine() {
        assertOneLineError(Dlt.run("run", "--url", "ftp://127.0.0.1/file"), "http://");
        assertOneLineError(Dlt.run("run", "--url", "http://bad host/"), "not a URL");
        assertOneLineError(Dlt.run("run", "--url", "http:///path"), "--url");
    }

    @Test
    void run_nothingListening_exit1WithOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        Dlt.Outcome o = Dlt.run("run", "--url", "http://127.0.0.1:" + port + "/", "--duration", "1s", "--warm-up", "0s");

        assertOneLineError(o, "cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void run_vusAndRate_exit1WithOneLine() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--vus", "2", "--rate", "10");

        assertOneLineError(o, "--vus and --rate");
    }

    @Test
    void run_noTarget_exit1WithOneLine() {
        assertOneLineError(Dlt.run("run"), "--url");
    }

    @Test
    void run_badThreshold_exit1WithOneLine() {
        Dlt.Outcome o = Dlt.run("run", "--url", url("/fast"), "--threshold", "p(95)<<fast");

        assertOneLineError(o, "threshold");
    }

    @Test
    void run_scenarioFile_runsItsRequestsAndThresholds() throws IOException {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, """
                {"testName": "Login flow", "testDescription": "log in then read the profile", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {
                   "execution": [{"hold-for": "1s", "warm-up": "0s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [
                     {"url": "%1$s/login", "method": "POST", "label": "login",
                      "extract": {"token": {"regex": "\\"token\\":\\"([^\\"]+)\\""}}},
                     {"url": "%1$s/me", "label": "me", "headers": {"Authorization": "Bearer ${token}"},
                      "checks": {"status": [200], "bodyContains": "demo"}}]}},
                   "thresholds": {"error_rate": ["<1%%"], "response_time{label:me}": ["p(95)<5s"]}}}
                """.formatted(target.baseUri()));

        Dlt.Outcome o = Dlt.run("run", scenario.toString(), "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        RunSummary summary = RunSummary.fromJson(o.out());
        assertThat(summary.labels()).containsOnlyKeys("login", "me");
        assertThat(summary.label("me").orElseThrow().requests()).isPositive();
        assertThat(summary.failures()).isZero();
        assertThat(summary.checksPassed()).isEqualTo(summary.label("me").orElseThrow().requests());
        assertThat(summary.thresholds().passed()).isTrue();
        assertThat(summary.thresholds().results()).hasSize(2);
        assertThat(o.err()).contains("Login flow");
    }

    @Test
    void run_scenarioFileMissing_exit1WithOneLine() {
        assertOneLineError(Dlt.run("run", dir.resolve("missing.json").toString()), "no such scenario file");
    }

    @Test
    void run_invalidScenarioFile_exit1() throws IOException {
        Path scenario = dir.resolve("bad.json");
        Files.writeString(scenario, invalidScenario());

        Dlt.Outcome o = Dlt.run("run", scenario.toString());

        assertThat(o.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.err()).startsWith("dlt: ").contains("bad.json").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void run_invalidScenarioFile_listsEveryFieldPath() throws IOException {
        Path scenario = dir.resolve("bad.json");
        Files.writeString(scenario, invalidScenario());

        Dlt.Outcome o = Dlt.run("run", scenario.toString());

        assertThat(o.exit()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.err()).contains("testDescription").contains("testScenario.execution[0].hold-for")
                .contains("testScenario.scenarios.flow.requests[0].url");
    }

    @Test
    void run_demo_runsTheThreeLabelledEndpoints() {
        Dlt.Outcome o = Dlt.run("run", "--demo", "--vus", "3", "--duration", "1s", "--warm-up", "0s", "--json");

        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_OK);
        assertThat(RunSummary.fromJson(o.out()).labels()).containsOnlyKeys("fast", "slow", "flaky");
    }

    private static String invalidScenario() {
        return """
                {"testName": "Broken", "testDescription": "", "testType": "simple",
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 1, "concurrency": 2}],
                 "testScenario": {
                   "execution": [{"hold-for": "0s", "scenario": "flow"}],
                   "scenarios": {"flow": {"requests": [{"url": "ftp://nowhere"}]}}}}
                """;
    }

    private static void assertOneLineError(Dlt.Outcome o, String mentions) {
        assertThat(o.exit()).as(o.err()).isEqualTo(DltCommand.EXIT_ERROR);
        assertThat(o.out()).isEmpty();
        assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
        assertThat(o.err().strip()).startsWith("dlt: ").contains(mentions).doesNotContain("Exception");
    }

    private static String url(String path) {
        return target.baseUri() + path;
    }
}
