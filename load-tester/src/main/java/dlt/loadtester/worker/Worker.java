package dlt.loadtester.worker;

import dlt.core.live.LiveLine;
import dlt.core.port.ObjectStore;
import dlt.core.port.StorageKeys;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import dlt.core.run.StartBarrier;
import dlt.core.run.WorkerContract;
import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import dlt.core.script.ScriptBundle;
import dlt.core.script.ScriptTools;
import dlt.core.script.UploadedScript;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violation;
import dlt.loadtester.engine.LoadEngine;
import dlt.loadtester.engine.RunListener;
import dlt.loadtester.engine.TestInProgress;
import dlt.loadtester.plan.LoadPlan;
import dlt.loadtester.plan.ScenarioPlans;
import dlt.loadtester.script.ScriptFailure;
import dlt.loadtester.script.ScriptFiles;
import dlt.loadtester.script.ScriptLoad;
import dlt.loadtester.script.ScriptPlans;
import dlt.loadtester.script.ScriptRunner;
import dlt.loadtester.script.ScriptTest;
import dlt.loadtester.script.TempFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One worker task from start to end: read the environment contract, fetch the region's run config,
 * check the target answers (simple tests) or fetch and unpack the script (JMeter, Locust, k6), wait
 * for the start barrier, run the load, upload the result file and then the completion marker. {@link #terminate()} (SIGTERM) cuts the run short; {@link #run()} then still
 * uploads what was measured, marked incomplete.
 *
 * <p>Logs are one line each on {@code err}; {@code out} carries only live lines (when the run asks
 * for them).
 */
public final class Worker {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    static final long BARRIER_POLL_MILLIS = 250;

    private final Map<String, String> environment;
    private final Clock clock;
    private final Function<WorkerEnvironment, ObjectStore> stores;
    private final PrintStream out;
    private final WorkerLog log;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private TestInProgress running;
    private Path scriptDirectory;

    /**
     * @param environment the process environment (the only configuration a worker has)
     * @param stores      opens the scenarios bucket for the contract read from {@code environment}
     * @param out         live lines
     * @param err         the log
     */
    public Worker(Map<String, String> environment, Clock clock, Function<WorkerEnvironment, ObjectStore> stores,
                  PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.stores = stores;
        this.out = out;
        this.log = new WorkerLog(err);
    }

    /** Does the task's whole part; returns {@link #EXIT_OK}, or {@link #EXIT_FAILED} with the reason logged. */
    public int run() {
        try {
            WorkerEnvironment env = WorkerEnvironment.from(environment);
            WorkerContract contract = withTaskId(env);
            log.info("task " + contract.taskId() + " of test " + contract.testId() + " run " + contract.testRunId()
                    + " in region " + contract.region() + " starting");
            ObjectStore store = open(env.withContract(contract));
            Scenario scenario = scenario(contract, store);
            PreparedLoad load = scenario.testType().usesScript()
                    ? prepareScript(contract, store, scenario, env.tools())
                    : prepareNative(contract, scenario);
            Optional<Long> startAt = awaitBarrier(contract, store);
            if (startAt.isEmpty() || !sleepUntil(startAt.get())) {
                log.info("stopped before the test started");
                upload(contract, store, StorageKeys.completion(contract.testId(), contract.testRunId(), contract.region(),
                        contract.taskId()), new CompletionMarker(contract.taskId(), false, 0).toJson(), "completion marker");
                return EXIT_OK;
            }
            WorkerResult result = runLoad(contract, load);
            String resultKey = StorageKeys.workerResult(contract.testId(), contract.testRunId(), contract.region(),
                    contract.taskId());
            upload(contract, store, resultKey, WorkerResultJson.write(result).getBytes(StandardCharsets.UTF_8),
                    "result file");
            upload(contract, store, StorageKeys.completion(contract.testId(), contract.testRunId(), contract.region(),
                    contract.taskId()), new CompletionMarker(contract.taskId(), result.complete(),
                    result.total().requests()).toJson(), "completion marker");
            log.info((result.complete() ? "finished: " : "stopped early, uploaded what was measured: ")
                    + result.total().requests() + " requests, " + result.total().failures() + " failed; result at "
                    + s3(contract, resultKey));
            return EXIT_OK;
        } catch (WorkerFailure | IllegalArgumentException e) {
            log.info("failed: " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("failed: interrupted");
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            log.info("failed: " + e.getClass().getSimpleName() + ": " + WorkerFailure.describe(e));
            return EXIT_FAILED;
        } finally {
            TempFiles.deleteQuietly(scriptDirectory);
            finished.countDown();
        }
    }

    /** SIGTERM: ends the waits and the load now; {@link #run()} uploads what was measured and returns. */
    public void terminate() {
        terminated.countDown();
        synchronized (this) {
            if (running != null) running.stop();
        }
    }

    /** Waits until {@link #run()} has returned; false when it has not within the time given. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    private WorkerContract withTaskId(WorkerEnvironment env) {
        WorkerContract contract = env.contract();
        if (contract.taskId() != null) return contract;
        return contract.withTaskId(EcsTaskMetadata.taskId(env.ecsMetadataUri()));
    }

    private ObjectStore open(WorkerEnvironment env) {
        try {
            return stores.apply(env);
        } catch (RuntimeException e) {
            throw new WorkerFailure("cannot set up the S3 client for bucket " + env.contract().bucket(), e);
        }
    }

    private Scenario scenario(WorkerContract contract, ObjectStore store) {
        String key = StorageKeys.runConfig(contract.testId(), contract.testRunId(), contract.region());
        byte[] config;
        try {
            config = store.get(key).orElseThrow(() -> new WorkerFailure("there is no run config at " + s3(contract, key)));
        } catch (WorkerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WorkerFailure("cannot read the run config " + s3(contract, key) + where(contract), e);
        }
        try {
            return ScenarioJson.parse(new String(config, StandardCharsets.UTF_8));
        } catch (ValidationException e) {
            throw new WorkerFailure("the run config " + s3(contract, key) + " is not a valid scenario: "
                    + e.violations().stream().map(Worker::describe).collect(Collectors.joining("; ")));
        }
    }

    /** A load that is ready to start once the barrier opens: the engine's plan or a prepared script. */
    private interface PreparedLoad {
        TestInProgress start(RunListener listener) throws IOException;

        String describe();
    }

    private PreparedLoad prepareNative(WorkerContract contract, Scenario scenario) {
        String key = StorageKeys.runConfig(contract.testId(), contract.testRunId(), contract.region());
        LoadPlan plan;
        try {
            // distributed runs measure from the barrier on: a warm-up only when the scenario asks for one
            plan = ScenarioPlans.plan(scenario, new ScenarioPlans.RunSettings(identity(contract), contract.region(), 0,
                    LoadPlan.DEFAULT_CONNECT_TIMEOUT_NANOS, LoadPlan.DEFAULT_RESPONSE_TIMEOUT_NANOS, false));
        } catch (IllegalArgumentException e) {
            throw new WorkerFailure("the run config " + s3(contract, key) + " cannot run here: " + e.getMessage());
        }
        TargetPreflight.check(plan);
        return new PreparedLoad() {
            @Override
            public TestInProgress start(RunListener listener) throws IOException {
                return new LoadEngine(clock).start(plan, listener);
            }

            @Override
            public String describe() {
                return plan.model().toString();
            }
        };
    }

    /**
     * Fetches the uploaded script (or zip, checked again here: it may have changed since the API saw
     * it) and unpacks it into a folder of its own, before the barrier, so every task starts together.
     */
    private PreparedLoad prepareScript(WorkerContract contract, ObjectStore store, Scenario scenario, ScriptTools tools) {
        ScriptLoad load;
        UploadedScript upload;
        try {
            load = ScriptPlans.load(scenario, contract.region());
            upload = UploadedScript.of(scenario);
        } catch (IllegalArgumentException e) {
            throw new WorkerFailure("the scenario cannot run here: " + e.getMessage());
        }
        String key = upload.key();
        byte[] content;
        try {
            content = store.get(key).orElseThrow(() -> new WorkerFailure("there is no script at " + s3(contract, key)));
        } catch (WorkerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WorkerFailure("cannot read the script " + s3(contract, key) + where(contract), e);
        }
        ScriptRunner runner;
        try {
            Path directory = Files.createTempDirectory("dlt-script-" + contract.testId());
            scriptDirectory = directory;
            ScriptFiles files = ScriptFiles.prepare(content, scenario.testType(), scenario.fileType(),
                    contract.testId() + "." + upload.extension(), directory);
            runner = ScriptPlans.runner(scenario.testType(), files, load, tools);
        } catch (ScriptBundle.InvalidBundleException e) {
            throw new WorkerFailure("the zip " + s3(contract, key) + " is refused: " + e.getMessage());
        } catch (ScriptFailure e) {
            throw new WorkerFailure(e.getMessage());
        } catch (IOException e) {
            throw new WorkerFailure("cannot unpack the script " + s3(contract, key), e);
        }
        return new PreparedLoad() {
            @Override
            public TestInProgress start(RunListener listener) {
                return ScriptTest.start(runner, identity(contract), listener, clock);
            }

            @Override
            public String describe() {
                return runner.describe();
            }
        };
    }

    private static LoadPlan.RunIdentity identity(WorkerContract contract) {
        return new LoadPlan.RunIdentity(contract.testId(), contract.testRunId(), contract.region(), contract.taskId());
    }

    /** The barrier's start time, or empty when terminated while waiting. */
    private Optional<Long> awaitBarrier(WorkerContract contract, ObjectStore store) throws InterruptedException {
        String key = StorageKeys.startBarrier(contract.testId(), contract.testRunId());
        long deadline = clock.millis() + contract.barrierTimeoutSeconds() * 1000L;
        log.info("waiting for the start barrier " + s3(contract, key));
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<byte[]> barrier = store.get(key);
                if (barrier.isPresent()) return Optional.of(parseBarrier(contract, key, barrier.get()));
            } catch (WorkerFailure e) {
                throw e;
            } catch (RuntimeException e) {
                if (lastError == null) log.info("cannot read the start barrier yet: " + WorkerFailure.describe(e));
                lastError = e;
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                String reason = "no start barrier at " + s3(contract, key) + " after " + contract.barrierTimeoutSeconds()
                        + " s (" + WorkerContract.TIMEOUT + "); the task runner writes it once every worker runs";
                throw lastError == null ? new WorkerFailure(reason) : new WorkerFailure(reason, lastError);
            }
            if (terminated.await(Math.min(left, BARRIER_POLL_MILLIS), TimeUnit.MILLISECONDS)) return Optional.empty();
        }
    }

    private long parseBarrier(WorkerContract contract, String key, byte[] content) {
        try {
            return StartBarrier.parse(content).startAt();
        } catch (IllegalArgumentException e) {
            throw new WorkerFailure("the start barrier " + s3(contract, key) + " is unreadable", e);
        }
    }

    /** Waits until {@code startAt} (epoch ms); false when terminated meanwhile. */
    private boolean sleepUntil(long startAt) throws InterruptedException {
        long wait = startAt - clock.millis();
        if (wait < 0) {
            log.info("the start time passed " + (-wait) + " ms ago; starting now");
            return terminated.getCount() > 0;
        }
        log.info("starting in " + wait + " ms");
        return !terminated.await(wait, TimeUnit.MILLISECONDS);
    }

    private WorkerResult runLoad(WorkerContract contract, PreparedLoad load) throws InterruptedException {
        RunListener listener = contract.showLive() ? new RunListener() {
            @Override
            public void onSecond(LiveLine second) {
                synchronized (out) {
                    out.println(second.toJson());
                    out.flush();
                }
            }
        } : RunListener.NONE;
        TestInProgress test;
        synchronized (this) {
            try {
                test = load.start(listener);
            } catch (IOException e) {
                throw new WorkerFailure("the load engine could not start", e);
            }
            running = test;
            if (terminated.getCount() == 0) test.stop();
        }
        log.info("load started: " + load.describe());
        try {
            return test.awaitResult();
        } catch (ScriptFailure e) {
            throw new WorkerFailure(e.getMessage(), e);
        }
    }

    private void upload(WorkerContract contract, ObjectStore store, String key, byte[] content, String what) {
        try {
            store.put(key, content, "application/json");
        } catch (RuntimeException e) {
            throw new WorkerFailure("cannot upload the " + what + " to " + s3(contract, key) + where(contract), e);
        }
    }

    private static String where(WorkerContract contract) {
        return contract.s3Endpoint() == null ? "" : " (S3 endpoint " + contract.s3Endpoint() + ")";
    }

    private static String s3(WorkerContract contract, String key) {
        return "s3://" + contract.bucket() + "/" + key;
    }

    private static String describe(Violation v) {
        return (v.field().isEmpty() ? "(document)" : v.field()) + ": " + v.message();
    }
}
