package dlt.cli;

import dlt.core.result.RunSummary;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.core.script.ScriptTools;
import dlt.core.threshold.InvalidThresholdsException;
import dlt.core.threshold.ThresholdVerdict;
import dlt.core.threshold.Thresholds;
import dlt.core.time.DltDuration;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violation;
import dlt.loadtester.engine.LoadEngine;
import dlt.loadtester.engine.TestInProgress;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.ScenarioPlans;
import dlt.loadtester.script.ScriptFailure;
import dlt.loadtester.script.ScriptRunner;
import dlt.loadtester.script.ScriptTest;
import dlt.loadtester.script.TempFiles;
import dlt.loadtester.target.SampleTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dlt run}: one load test from this process, against a URL, a DLT scenario file, a JMeter, k6 or
 * Locust script, or the demo target.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a load test from this machine and print its results.",
                "Examples:",
                "  dlt run --demo",
                "  dlt run --url http://127.0.0.1:8080/ --vus 50 --duration 30s",
                "  dlt run --url http://127.0.0.1:8080/api -X POST -H 'Content-Type: application/json' --body @req.json --rate 200",
                "  dlt run scenario.json --threshold 'p(95)<300ms'",
                "  dlt run plan.jmx                       (JMeter: the plan's own thread groups)",
                "  dlt run plan.jmx --vus 20 --duration 1m (JMeter: 20 threads shared over its thread groups)",
                "  dlt run locustfile.py --url http://127.0.0.1:8080 --vus 10 --duration 30s",
                "  dlt run script.js                      (k6: the script's own options)"})
public final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A DLT scenario file (.json, simple test type), or a script: "
            + "JMeter .jmx, k6 .js/.ts, Locust .py, or a .zip of one with its data files.")
    Path scenarioFile;

    @Option(names = "--type", paramLabel = "jmeter|k6|locust", description = "What a .zip holds (default: the first of a .jmx, locustfile.py, a .js).")
    String scriptType;

    @Option(names = "--demo", description = "Start the built-in sample target and run a short test against it.")
    boolean demo;

    @Option(names = "--url", paramLabel = "URL", description = "The URL to load (http or https); with a Locust file, its host.")
    String url;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "TEXT|@FILE", description = "The request body, or @file to read it from a file.")
    String body;

    @Option(names = "--vus", paramLabel = "N", description = "Closed model: N virtual users, each sending its next request when the last one is answered (default 10).")
    Integer vus;

    @Option(names = "--rate", paramLabel = "R", description = "Open model: R requests per second, whatever the target does.")
    Double rate;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Open model: at most N requests at once; later ones queue (counted late) (default: rate/10, 10..1000).")
    Integer maxInFlight;

    @Option(names = "--ramp-up", paramLabel = "D", converter = Durations.class, description = "Reach full load over D (default 0s).")
    DltDuration rampUp;

    @Option(names = "--duration", paramLabel = "D", converter = Durations.class, description = "The measured window after the ramp-up (default 10s).")
    DltDuration duration;

    @Option(names = "--warm-up", paramLabel = "D", converter = Durations.class, description = "Load before the measured window, left out of the results (default 3s; 0s for none).")
    DltDuration warmUp;

    @Option(names = "--think-time", paramLabel = "D", converter = Durations.class, description = "Pause after each response (default 0s).")
    DltDuration thinkTime;

    @Option(names = "--timeout", paramLabel = "D", converter = Durations.class, description = "Response timeout (default 30s).")
    DltDuration responseTimeout;

    @Option(names = "--connect-timeout", paramLabel = "D", converter = Durations.class, description = "Connect timeout (default 5s).")
    DltDuration connectTimeout;

    @Option(names = {"-k", "--insecure"}, description = "Trust any TLS certificate (self-signed targets).")
    boolean insecure;

    @Option(names = "--threshold", paramLabel = "EXPR", description = "A pass/fail rule, k6 syntax: 'p(95)<300ms', 'error_rate<1%%', 'rps>500', 'response_time{label:login}:p(99)<1s' (repeatable; exit code 99 when one fails).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the worker result file (JSON, mergeable) to FILE.")
    Path out;

    @Option(names = "--json", description = "Print the run summary JSON on stdout (everything else goes to stderr).")
    boolean json;

    @Option(names = "--live", description = "Print a live line (JSON, schema dlt.live.v1) on stdout for every second of the measured window.")
    boolean live;

    private final Clock clock;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ScriptTools scriptTools;

    public RunCommand() {
        this(Clock.systemUTC(), System.out, System.err, ScriptTools.onPath(System.getenv("PATH")));
    }

    RunCommand(Clock clock, PrintStream stdout, PrintStream stderr, ScriptTools scriptTools) {
        this.clock = clock;
        this.stdout = stdout;
        this.stderr = stderr;
        this.scriptTools = scriptTools;
    }

    @Override
    public Integer call() throws Exception {
        if (scenarioFile != null && ScriptCommandLine.isScript(scenarioFile)) {
            if (demo) throw new UsageException("--demo runs the sample target's demo, not a script: give one");
            return execute(new ScriptCommandLine(scenarioFile, scriptType, url, vus, rate, rampUp, duration, warmUp,
                    thinkTime, thresholds(Map.of()), scriptTools).parse());
        }
        if (scriptType != null) throw new UsageException("--type applies to a script .zip");
        int sources = (demo ? 1 : 0) + (url != null ? 1 : 0) + (scenarioFile != null ? 1 : 0);
        if (sources != 1) throw new UsageException("give exactly one of --url URL, a scenario file, a script, or --demo");
        if (vus != null && rate != null) throw new UsageException("--vus and --rate are different load models: give one");
        if (live && json) throw new UsageException("--live and --json both write to stdout: give one");
        SampleTarget demoTarget = demo ? SampleTarget.start(0) : null;
        try {
            ParsedRun parsed = demoTarget != null ? demoPlan(demoTarget) : scenarioFile != null ? scenarioPlan() : flagPlan();
            return execute(parsed);
        } finally {
            if (demoTarget != null) demoTarget.close();
        }
    }

    /**
     * What to run: the engine's {@code plan}, or a {@code script} runner (exactly one is set), and a
     * folder to delete afterwards (an unpacked zip), or null.
     */
    record ParsedRun(LoadPlan plan, ScriptRunner script, Thresholds thresholds, String title, Path scratch) {
        ParsedRun(LoadPlan plan, Thresholds thresholds, String title) {
            this(plan, null, thresholds, title, null);
        }

        String describe() {
            return plan != null ? Describe.load(plan) : script.describe();
        }
    }

    private ParsedRun flagPlan() {
        FlagPlan flags = new FlagPlan(url, method, headers, readBody(), vus, rate, maxInFlight, rampUp, duration, warmUp,
                thinkTime, connectTimeout, responseTimeout, insecure);
        return new ParsedRun(flags.toPlan(), thresholds(Map.of()), method.toUpperCase() + " " + url);
    }

    private ParsedRun demoPlan(SampleTarget target) {
        stderr.println("dlt: sample target on " + target.baseUri() + " (/fast, /slow, /flaky)");
        LoadPlan plan = FlagPlan.demo(target.baseUri(), vus == null ? 20 : vus, duration, warmUp, insecure);
        return new ParsedRun(plan, thresholds(Map.of()), "demo against " + target.baseUri());
    }

    private ParsedRun scenarioPlan() throws IOException {
        String text;
        try {
            text = Files.readString(scenarioFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such scenario file: " + scenarioFile);
        }
        Scenario scenario;
        try {
            scenario = ScenarioJson.parse(text);
        } catch (ValidationException e) {
            StringBuilder m = new StringBuilder(scenarioFile + " is not a valid scenario:");
            for (Violation v : e.violations()) m.append("\n  ").append(v.field().isEmpty() ? "(document)" : v.field()).append(": ").append(v.message());
            throw new UsageException(m.toString());
        }
        ScenarioPlans.RunSettings settings = new ScenarioPlans.RunSettings(LoadPlan.RunIdentity.standalone(), null,
                FlagPlan.warmUpNanos(warmUp), FlagPlan.nanosOr(connectTimeout, LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS),
                FlagPlan.nanosOr(responseTimeout, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS), insecure);
        LoadPlan plan;
        try {
            plan = ScenarioPlans.plan(scenario, settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(scenarioFile + ": " + e.getMessage());
        }
        return new ParsedRun(plan, thresholds(scenario.testScenario().thresholds()), scenario.testName());
    }

    Thresholds thresholds(Map<String, List<String>> fromScenario) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        fromScenario.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        for (String t : thresholds) {
            ThresholdFlag flag = ThresholdFlag.parse(t);
            all.computeIfAbsent(flag.metric(), x -> new ArrayList<>()).add(flag.expression());
        }
        try {
            return Thresholds.parseAll(all);
        } catch (InvalidThresholdsException e) {
            throw new UsageException("bad threshold: " + e.getMessage());
        }
    }

    private String readBody() {
        if (body == null || !body.startsWith("@")) return body;
        Path file = Path.of(body.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read body file " + file + ": " + DltCommand.oneLine(e));
        }
    }

    private int execute(ParsedRun run) throws Exception {
        if (run.plan() != null) Preflight.checkReachable(run.plan());
        stderr.println("dlt: " + run.title() + ": " + run.describe());
        ProgressPrinter progress = new ProgressPrinter(stderr, Boolean.getBoolean("dlt.tty"));
        CpuMeter cpu = new CpuMeter(live ? new LivePrinter(stdout, progress) : progress);
        TestInProgress test = run.plan() != null ? new LoadEngine(clock).start(run.plan(), cpu)
                : ScriptTest.start(run.script(), LoadPlan.RunIdentity.standalone(), cpu, clock);
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<Integer> exit = new AtomicReference<>(DltCommand.EXIT_ERROR);
        Thread hook = new Thread(() -> {
            test.stop();
            try {
                reported.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dlt-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            WorkerResult result;
            try {
                result = test.awaitResult();
            } catch (ScriptFailure e) {
                progress.finish();
                throw new UsageException(e.getMessage());
            }
            progress.finish();
            exit.set(report(run, result));
            double cpuPerRequest = cpu.microsPerRequest(result.total().requests());
            // with --demo the target runs in this JVM too, so the CPU would not be the generator's alone;
            // Locust and k6 generate load in processes of their own, and JMeter's figure would include its start-up
            if (!Double.isNaN(cpuPerRequest) && !demo && run.plan() != null) {
                stderr.printf("generator CPU over the measured window: %.1f us/request%n", cpuPerRequest);
            }
            return exit.get();
        } finally {
            TempFiles.deleteQuietly(run.scratch());
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running (Ctrl-C): it waited for this report and the JVM exits next
            }
        }
    }

    private int report(ParsedRun run, WorkerResult result) throws IOException {
        RunSummary summary = RunSummary.of(result);
        ThresholdVerdict verdict = run.thresholds().rules().isEmpty() ? null : run.thresholds().evaluate(summary);
        if (verdict != null) summary = summary.withThresholds(verdict);
        if (out != null) {
            Files.writeString(out, WorkerResultJson.write(result), StandardCharsets.UTF_8);
        }
        PrintStream tables = json ? stderr : stdout;
        new SummaryTable(tables).print(summary, result.complete(),
                run.plan() != null ? SummaryTable.ENGINE_TIMES : SummaryTable.SCRIPT_TIMES);
        if (out != null) tables.println("result file: " + out);
        if (json) stdout.println(summary.toJson());
        stdout.flush();
        return verdict != null && !verdict.passed() ? DltCommand.EXIT_THRESHOLD_FAILED : DltCommand.EXIT_OK;
    }
}
