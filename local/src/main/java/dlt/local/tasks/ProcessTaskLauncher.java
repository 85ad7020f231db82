package dlt.local.tasks;

import dlt.aws.AwsSettings.StaticCredentials;
import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import dlt.core.run.WorkerContract;
import dlt.loadtester.worker.WorkerEnvironment;
import dlt.loadtester.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local stand-in for ECS: each worker task is a child JVM running {@link WorkerMain} with the same
 * environment contract an ECS task gets ({@link WorkerContract#toEnvironment()}, its task id in
 * {@code DLT_TASK_ID}, the local S3 endpoint and credentials), and nothing else of this process's
 * environment. Each region holds at most {@code tasksPerRegion} running workers (one "vCPU" each).
 * Stopping sends SIGTERM (the worker uploads what it measured) and kills the process after a grace
 * period. {@link #close()}, and a JVM shutdown hook, stop every worker, so none outlives the platform.
 */
public final class ProcessTaskLauncher implements TaskLauncher, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProcessTaskLauncher.class.getName());
    private static final Duration STOPPED_RETENTION = Duration.ofHours(1);

    /**
     * @param classpath      the worker's classpath: the CLI jar, or {@code java.class.path} in tests
     * @param s3Endpoint     the local S3 the workers use (overrides the contract's), or null to keep the contract's
     * @param s3Credentials  fixed credentials for that S3, given to workers as {@code AWS_ACCESS_KEY_ID} and
     *                       {@code AWS_SECRET_ACCESS_KEY}, or null
     * @param tasksPerRegion running workers a region can hold
     * @param jvmOptions     options of each worker JVM (heap size...)
     * @param stopGrace      between SIGTERM and the forced kill
     * @param errorLines     how many of a worker's last stderr lines are kept for {@link #details}
     */
    public record Settings(String classpath, URI s3Endpoint, StaticCredentials s3Credentials, int tasksPerRegion,
                           List<String> jvmOptions, Duration stopGrace, int errorLines) {
        public static final int DEFAULT_TASKS_PER_REGION = 8;
        public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
        public static final int DEFAULT_ERROR_LINES = 50;

        public Settings {
            Objects.requireNonNull(classpath, "classpath");
            if (tasksPerRegion < 1) throw new IllegalArgumentException("tasksPerRegion must be 1 or more, not " + tasksPerRegion);
            jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
            stopGrace = stopGrace == null ? DEFAULT_STOP_GRACE : stopGrace;
            if (errorLines < 1) throw new IllegalArgumentException("errorLines must be 1 or more");
        }

        public static Settings of(String classpath, URI s3Endpoint, StaticCredentials s3Credentials) {
            return new Settings(classpath, s3Endpoint, s3Credentials, DEFAULT_TASKS_PER_REGION, List.of(),
                    DEFAULT_STOP_GRACE, DEFAULT_ERROR_LINES);
        }

        public Settings withTasksPerRegion(int tasks) {
            return new Settings(classpath, s3Endpoint, s3Credentials, tasks, jvmOptions, stopGrace, errorLines);
        }

        public Settings withJvmOptions(List<String> options) {
            return new Settings(classpath, s3Endpoint, s3Credentials, tasksPerRegion, options, stopGrace, errorLines);
        }

        public Settings withStopGrace(Duration grace) {
            return new Settings(classpath, s3Endpoint, s3Credentials, tasksPerRegion, jvmOptions, grace, errorLines);
        }
    }

    /** What the launcher knows of one worker: {@link WorkerTask} plus its exit code and last stderr lines. */
    public record TaskDetails(String taskId, String region, String testId, String testRunId, String status,
                              Integer exitCode, String stopReason, List<String> lastErrorLines) {
    }

    private final Settings settings;
    private final Consumer<WorkerLine> lines;
    private final Clock clock;
    private final String java;
    private final Map<String, LocalTask> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger launched = new AtomicInteger();
    private final Thread shutdownHook;
    private volatile boolean closed;

    /**
     * @param lines each worker's stdout, line by line (live lines go on to the live-data publisher);
     *              called on the worker's reader thread
     */
    public ProcessTaskLauncher(Settings settings, Consumer<WorkerLine> lines, Clock clock) {
        this.settings = settings;
        this.lines = lines;
        this.clock = clock;
        this.java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.shutdownHook = new Thread(this::stopAll, "dlt-local-workers-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public synchronized List<String> launch(RegionResources region, WorkerContract worker, int count) {
        if (closed) throw new LaunchException("the local platform is shutting down", List.of(), null);
        forgetOldStoppedTasks();
        int room = settings.tasksPerRegion() - running(region.region());
        List<String> started = new ArrayList<>();
        for (int i = 0; i < Math.min(count, room); i++) {
            try {
                started.add(start(region.region(), worker).taskId);
            } catch (IOException e) {
                throw new LaunchException("could not start a worker process (" + java + "): " + e.getMessage(), started, e);
            }
        }
        if (started.size() < count) {
            throw new LaunchException("region " + region.region() + " has room for " + Math.max(0, room)
                    + " more local workers (tasks per region: " + settings.tasksPerRegion() + "); " + count
                    + " were asked for", started, null);
        }
        return List.copyOf(started);
    }

    @Override
    public void stop(RegionResources region, String taskId, String reason) {
        LocalTask task = tasks.get(taskId);
        if (task == null || !task.process.isAlive()) return;
        synchronized (task) {
            if (task.stopReason == null) task.stopReason = reason;
        }
        LOG.log(Level.INFO, "stopping worker {0} ({1})", taskId, reason);
        task.process.destroy();
        CompletableFuture.delayedExecutor(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (task.process.isAlive()) kill(task);
        });
    }

    @Override
    public List<WorkerTask> tasks(RegionResources region, String testId, String testRunId) {
        return ordered().filter(t -> t.region.equals(region.region()) && t.testId.equals(testId)
                && t.testRunId.equals(testRunId)).map(LocalTask::toWorkerTask).toList();
    }

    @Override
    public List<WorkerTask> activeTasks(RegionResources region) {
        return ordered().filter(t -> t.region.equals(region.region()) && t.process.isAlive())
                .map(LocalTask::toWorkerTask).toList();
    }

    @Override
    public Capacity capacity(RegionResources region) {
        return new Capacity(region.region(), (double) settings.tasksPerRegion(), 1.0, (double) running(region.region()));
    }

    /** The worker's exit code and last stderr lines (why it failed), while the launcher remembers it. */
    public Optional<TaskDetails> details(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(LocalTask::toDetails);
    }

    /** SIGTERM to every worker, then, after the grace period, a kill to those still there; returns when all are gone. */
    public void stopAll() {
        List<LocalTask> alive = tasks.values().stream().filter(t -> t.process.isAlive()).toList();
        if (alive.isEmpty()) return;
        LOG.log(Level.INFO, "stopping {0} local workers", alive.size());
        for (LocalTask task : alive) {
            synchronized (task) {
                if (task.stopReason == null) task.stopReason = "the local platform stopped";
            }
            task.process.destroy();
        }
        Instant deadline = Instant.now().plus(settings.stopGrace());
        for (LocalTask task : alive) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (!waitFor(task.process, Math.max(0, left))) kill(task);
        }
        for (LocalTask task : alive) {
            if (!waitFor(task.process, 5_000)) {
                LOG.log(Level.WARNING, "worker {0} (pid {1}) did not end after a kill", task.taskId, task.process.pid());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs (or ran) stopAll, which is what close wants
        }
    }

    private LocalTask start(String region, WorkerContract worker) throws IOException {
        int sequence = launched.incrementAndGet();
        String taskId = "local-" + region + "-" + sequence + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        WorkerContract contract = worker.withTaskId(taskId);
        if (settings.s3Endpoint() != null) {
            contract = new WorkerContract(contract.bucket(), settings.s3Endpoint().toString(), contract.storageRegion(),
                    contract.testId(), contract.testRunId(), contract.region(), taskId, contract.testType(),
                    contract.fileType(), contract.showLive(), contract.barrierTimeoutSeconds());
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(settings.jvmOptions());
        command.addAll(List.of("-cp", settings.classpath(), WorkerMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // only the worker contract, and PATH: Locust and k6 tests run the programs found on it, as a worker image does
        String path = env.get("PATH");
        env.clear();
        if (path != null) env.put("PATH", path);
        env.putAll(contract.toEnvironment());
        if (settings.s3Credentials() != null) {
            env.put(WorkerEnvironment.ACCESS_KEY_ID, settings.s3Credentials().accessKeyId());
            env.put(WorkerEnvironment.SECRET_ACCESS_KEY, settings.s3Credentials().secretAccessKey());
        }
        Process process = builder.start();
        LocalTask task = new LocalTask(taskId, region, contract.testId(), contract.testRunId(), process,
                settings.errorLines(), sequence);
        tasks.put(taskId, task);
        LOG.log(Level.INFO, "worker {0} started (pid {1}) for test {2} run {3}", taskId, process.pid(),
                contract.testId(), contract.testRunId());
        Thread.ofVirtual().name("dlt-worker-out-" + taskId).start(() -> readLines(process.getInputStream(),
                line -> deliver(new WorkerLine(region, taskId, line))));
        Thread.ofVirtual().name("dlt-worker-err-" + taskId).start(() -> readLines(process.getErrorStream(), line -> {
            task.rememberError(line);
            LOG.log(Level.DEBUG, "[{0}] {1}", taskId, line);
        }));
        process.onExit().thenRun(() -> ended(task));
        return task;
    }

    private void ended(LocalTask task) {
        task.stoppedAt = clock.instant();
        int exit = task.process.exitValue();
        if (exit == 0 || task.stopReason != null) {
            LOG.log(Level.INFO, "worker {0} ended with exit code {1}", task.taskId, exit);
        } else {
            LOG.log(Level.WARNING, "worker {0} failed with exit code {1}: {2}", task.taskId, exit,
                    task.lastErrors().isEmpty() ? "(no output on stderr)" : task.lastErrors().getLast());
        }
    }

    private void deliver(WorkerLine line) {
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a line of worker " + line.taskId() + " could not be handed on", e);
        }
    }

    private static void readLines(InputStream stream, Consumer<String> each) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) each.accept(line);
        } catch (IOException e) {
            // the stream closes when the process is killed: nothing more to read
            LOG.log(Level.DEBUG, "worker output ended: {0}", e.getMessage());
        }
    }

    private void kill(LocalTask task) {
        LOG.log(Level.WARNING, "worker {0} did not end {1} s after SIGTERM; killing it", task.taskId,
                settings.stopGrace().toSeconds());
        task.process.descendants().forEach(ProcessHandle::destroyForcibly);
        task.process.destroyForcibly();
    }

    private static boolean waitFor(Process process, long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private int running(String region) {
        return (int) tasks.values().stream().filter(t -> t.region.equals(region) && t.process.isAlive()).count();
    }

    private Stream<LocalTask> ordered() {
        return tasks.values().stream().sorted((a, b) -> Integer.compare(a.sequence, b.sequence));
    }

    private void forgetOldStoppedTasks() {
        Instant before = clock.instant().minus(STOPPED_RETENTION);
        tasks.values().removeIf(t -> t.stoppedAt != null && t.stoppedAt.isBefore(before));
    }

    private static final class LocalTask {
        final String taskId;
        final String region;
        final String testId;
        final String testRunId;
        final Process process;
        final int sequence;
        private final int keptErrors;
        private final Deque<String> errors = new ArrayDeque<>();
        volatile String stopReason;
        volatile Instant stoppedAt;

        LocalTask(String taskId, String region, String testId, String testRunId, Process process, int keptErrors,
                  int sequence) {
            this.taskId = taskId;
            this.region = region;
            this.testId = testId;
            this.testRunId = testRunId;
            this.process = process;
            this.keptErrors = keptErrors;
            this.sequence = sequence;
        }

        synchronized void rememberError(String line) {
            if (errors.size() == keptErrors) errors.removeFirst();
            errors.addLast(line);
        }

        synchronized List<String> lastErrors() {
            return List.copyOf(errors);
        }

        String status() {
            if (!process.isAlive()) return "STOPPED";
            return stopReason != null ? "DEPROVISIONING" : "RUNNING";
        }

        WorkerTask toWorkerTask() {
            return new WorkerTask(taskId, testId, testRunId, status());
        }

        TaskDetails toDetails() {
            String status = status();
            return new TaskDetails(taskId, region, testId, testRunId, status,
                    status.equals("STOPPED") ? process.exitValue() : null, stopReason, lastErrors());
        }
    }
}
