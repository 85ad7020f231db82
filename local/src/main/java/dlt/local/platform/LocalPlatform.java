package dlt.local.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.ApiFunction;
import dlt.api.ApiHandler;
import dlt.api.ApiSettings;
import dlt.api.ScenarioApi;
import dlt.api.usecase.Features;
import dlt.api.usecase.IdSource;
import dlt.api.usecase.Ports;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTables;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.s3.S3ObjectStore;
import dlt.core.port.ScenarioRepository;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import dlt.core.run.workflow.PollSchedule;
import dlt.core.run.StoredScenario;
import dlt.core.script.ScriptTools;
import dlt.local.live.LiveBroker;
import dlt.local.live.LocalLive;
import dlt.local.live.OpenBrokerAccess;
import dlt.local.schedule.LocalScheduler;
import dlt.local.tasks.ProcessTaskLauncher;
import dlt.local.workflow.LocalOrchestration;
import dlt.loadtester.target.SampleTarget;
import dlt.taskcanceler.StopRun;
import dlt.taskrunner.RunnerSettings;
import dlt.taskstatuschecker.CheckerSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * {@code dlt up}: the whole platform in this JVM, on 127.0.0.1 only. One Jetty server carries the API
 * under {@code /api} (the real {@link ApiHandler}, fed API Gateway proxy events, behind a bearer token),
 * the console at {@code /} and {@code /console-config.json}; DynamoDB Local is embedded (its tables in
 * {@code DIR/dynamodb}); s3proxy keeps the scenarios bucket as files under {@code DIR/s3}; the live
 * broker (Moquette, TCP and WebSocket) and the IoT stand-in carry live data; the state machine
 * interpreter and the process launcher run tests; the sample target is there for a first test.
 * {@code DIR/local.json} is written once all of it answers, and removed by {@link #close()}.
 */
public final class LocalPlatform implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalPlatform.class.getName());
    public static final String LOCAL_JSON = "local.json";
    public static final String STOPPED_REASON = "the local platform stopped while this run was active";
    static final String BUCKET = "dlt-scenarios";
    static final String SCENARIOS_TABLE = "dlt-scenarios";
    static final String RUNS_TABLE = "dlt-test-runs";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param port           the API and console port; 0 picks a free one
     * @param dataDir        where everything is kept (tables, bucket, token, local.json)
     * @param regions        the regions offered, each with its own worker capacity
     * @param tasksPerRegion workers a region can run at once
     * @param mqttPort       the broker's TCP port; 0 picks a free one
     * @param targetPort     the sample target's port; 0 picks a free one, a taken one falls back to a free one
     * @param barrierLead    how long before the start barrier releases the workers
     * @param workerJvmOptions options of each worker JVM
     * @param schedulerClock the clock schedules are kept by (tests run one faster than real time); null: the system's
     */
    public record Settings(int port, Path dataDir, List<String> regions, int tasksPerRegion, int mqttPort,
                           int targetPort, Duration barrierLead, List<String> workerJvmOptions, Clock schedulerClock) {
        public static final int DEFAULT_PORT = 8400;
        public static final int DEFAULT_TARGET_PORT = 8401;

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            for (int p : new int[] {port, mqttPort, targetPort}) {
                if (p < 0 || p > 65_535) throw new IllegalArgumentException("a port is 0..65535, not " + p);
            }
            regions = List.copyOf(regions == null || regions.isEmpty() ? List.of("us-east-1") : regions);
            for (String region : regions) {
                if (!REGION.matcher(region).matches()) {
                    throw new IllegalArgumentException("'" + region + "' is not a region name like us-east-1");
                }
            }
            if (tasksPerRegion < 1) throw new IllegalArgumentException("tasks per region must be 1 or more");
            barrierLead = barrierLead == null ? Duration.ofSeconds(4) : barrierLead;
            workerJvmOptions = workerJvmOptions == null ? List.of() : List.copyOf(workerJvmOptions);
            schedulerClock = schedulerClock == null ? Clock.systemUTC() : schedulerClock;
        }

        public static Settings defaults(Path dataDir) {
            return new Settings(DEFAULT_PORT, dataDir, List.of("us-east-1"), ProcessTaskLauncher.Settings.DEFAULT_TASKS_PER_REGION,
                    0, DEFAULT_TARGET_PORT, null, List.of("-XX:+UseParallelGC"), null);
        }

        public Settings withPorts(int apiPort, int mqtt, int target) {
            return new Settings(apiPort, dataDir, regions, tasksPerRegion, mqtt, target, barrierLead, workerJvmOptions,
                    schedulerClock);
        }

        public Settings withRegions(List<String> names, int tasks) {
            return new Settings(port, dataDir, names, tasks, mqttPort, targetPort, barrierLead, workerJvmOptions,
                    schedulerClock);
        }

        public Settings withWorkerJvmOptions(List<String> options) {
            return new Settings(port, dataDir, regions, tasksPerRegion, mqttPort, targetPort, barrierLead, options,
                    schedulerClock);
        }

        public Settings withSchedulerClock(Clock clock) {
            return new Settings(port, dataDir, regions, tasksPerRegion, mqttPort, targetPort, barrierLead,
                    workerJvmOptions, clock);
        }

        public Settings withBarrierLead(Duration lead) {
            return new Settings(port, dataDir, regions, tasksPerRegion, mqttPort, targetPort, lead, workerJvmOptions,
                    schedulerClock);
        }
    }

    private final Settings settings;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private String token;
    private Server http;
    private int port;
    private SampleTarget target;
    private LiveBroker broker;
    private ScenarioRepository scenarios;
    private DynamoDbTestRunRepository runs;
    private LocalOrchestration orchestration;
    private LocalScheduler scheduler;
    private volatile ApiFunction apiFunction;
    private Duration startup;
    private int recovered;
    private boolean closed;

    private final UnaryOperator<DynamoDbClient> observeDynamoDb;

    private LocalPlatform(Settings settings, UnaryOperator<DynamoDbClient> observeDynamoDb) {
        this.settings = settings;
        this.observeDynamoDb = observeDynamoDb;
    }

    /** Starts everything; returns once the API answers and local.json is written. */
    public static LocalPlatform start(Settings settings) {
        return start(settings, UnaryOperator.identity());
    }

    /**
     * Starts everything with the DynamoDB client the handlers use passed through {@code observeDynamoDb}: for a
     * test that watches their calls (the embedded client answers in-process, bypassing the SDK's interceptors).
     */
    public static LocalPlatform start(Settings settings, UnaryOperator<DynamoDbClient> observeDynamoDb) {
        LocalPlatform platform = new LocalPlatform(settings, observeDynamoDb);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        long began = System.nanoTime();
        Path dir = settings.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        lock(dir);
        token = ApiToken.load(dir);
        Clock clock = Clock.systemUTC();

        EmbeddedDynamoDb dynamoDb = opened(EmbeddedDynamoDb.open(dir.resolve("dynamodb")));
        DiskS3 s3 = opened(DiskS3.start(dir.resolve("s3")));
        AwsSettings aws = AwsSettings.local("us-east-1", DiskS3.CREDENTIALS)
                .withEndpoint(AwsService.S3, s3.endpoint())
                .withTables(SCENARIOS_TABLE, RUNS_TABLE)
                .withBucket(BUCKET);
        AwsClients clients = opened(new AwsClients(aws));
        DynamoDbTables.createIfMissing(dynamoDb.client(), aws);
        ensureBucket(clients);
        DynamoDbClient tables = observeDynamoDb.apply(dynamoDb.client());
        scenarios = new SummaryCachingScenarios(new DynamoDbScenarioRepository(tables, aws.scenariosTable()));
        runs = new DynamoDbTestRunRepository(tables, aws.historyTable(), aws.historyStartTimeIndex());
        S3ObjectStore objects = new S3ObjectStore(clients.s3(), clients.s3Presigner(), aws.scenariosBucket(), clock);
        for (String region : settings.regions()) {
            scenarios.putRegion(new RegionResources(region, "local", "local-worker", "local", List.of(), "", ""));
        }
        recovered = failActiveRuns(scenarios, runs, clock);

        target = opened(startTarget(settings.targetPort()));
        LocalLive live = opened(LocalLive.start(LocalLive.Settings.defaults()
                .withBroker(new LiveBroker.Settings(settings.mqttPort(), 0, 0)), clock));
        broker = live.broker();
        String classpath = System.getProperty("java.class.path");
        ProcessTaskLauncher launcher = opened(new ProcessTaskLauncher(
                ProcessTaskLauncher.Settings.of(classpath, s3.endpoint(), DiskS3.CREDENTIALS)
                        .withTasksPerRegion(settings.tasksPerRegion())
                        .withJvmOptions(settings.workerJvmOptions()),
                live.workerLines(), clock));
        orchestration = new LocalOrchestration(scenarios, runs, objects, launcher, new LocalOrchestration.Settings(
                new RunnerSettings(aws.scenariosBucket(), s3.endpoint().toString(), "us-east-1",
                        settings.barrierLead(), RunnerSettings.DEFAULT_BARRIER_TIMEOUT_SECONDS),
                new CheckerSettings(Duration.ofMinutes(3), Duration.ofSeconds(60), new PollSchedule(1)),
                new StopRun.Patience(10, Duration.ofMillis(500)), classpath, 1.0), clock);
        opened(() -> orchestration.workflows().stopAll("the local platform stopped"));

        scheduler = opened(new LocalScheduler(dir.resolve("schedules.json"), settings.schedulerClock(),
                this::deliverScheduledRun));
        Ports ports = new Ports(scenarios, runs, objects, launcher, orchestration.canceller(), orchestration.workflows(),
                scheduler, new OpenBrokerAccess());
        RoutingHandler routes = new RoutingHandler();
        startHttp(routes);
        String origin = "http://127.0.0.1:" + port;
        ApiSettings apiSettings = ApiSettings.from(Map.of("AWS_REGION", settings.regions().get(0), "VERSION", "local",
                "STACK_ID", "local", "STACK_NAME", "dlt-local", "DEPLOYMENT_METHOD", "local",
                "CORS_ALLOWED_ORIGIN", origin));
        // the worker processes inherit this environment: Locust and k6 tests run when their programs are on its PATH
        Features features = Features.CURRENT.withWorkerTools(ScriptTools.onPath(System.getenv("PATH")));
        ApiHandler api = new ApiHandler(ScenarioApi.create(apiSettings, ports, clock, IdSource.random(), features));
        apiFunction = new ApiFunction(api);
        routes.api = new ApiBridge(api, token, origin);
        routes.console = new ConsoleFiles(LocalPlatform.class.getClassLoader(), broker.webSocketPort());

        selfCheck();
        scheduler.start();
        writeLocalJson(dir);
        startup = Duration.ofNanos(System.nanoTime() - began);
    }

    /** A due schedule reaches the API function as EventBridge Scheduler's event would on AWS. */
    private void deliverScheduledRun(String event) {
        ByteArrayOutputStream outcome = new ByteArrayOutputStream();
        try {
            apiFunction.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), outcome,
                    null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.log(System.Logger.Level.INFO, "scheduled run: {0}", outcome.toString(StandardCharsets.UTF_8));
    }

    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    private void lock(Path dir) {
        try {
            FileChannel channel = FileChannel.open(dir.resolve("platform.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another dlt platform is running on " + dir
                        + " (stop it first, or give another --data directory)");
            }
            FileLock held = lock;
            opened(() -> {
                held.release();
                channel.close();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir, e);
        }
    }

    private static void ensureBucket(AwsClients clients) {
        try {
            clients.s3().headBucket(b -> b.bucket(BUCKET));
        } catch (NoSuchBucketException missing) {
            try {
                clients.s3().createBucket(b -> b.bucket(BUCKET));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // there now: what we wanted
            }
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) throw e;
            clients.s3().createBucket(b -> b.bucket(BUCKET));
        }
    }

    /** Runs left active by a platform that stopped (or died) can never finish: they become failed, with the reason. */
    static int failActiveRuns(ScenarioRepository scenarios, TestRunRepository runs, Clock clock) {
        int count = 0;
        for (StoredScenario scenario : scenarios.list()) {
            for (TestRun run : runs.listAll(scenario.testId())) {
                if (run.status().isActive()) {
                    runs.updateStatus(run.testId(), run.testRunId(), RunStatus.FAILED, STOPPED_REASON, clock.instant());
                    scenarios.updateRunStatus(run.testId(), run.testRunId(), RunStatus.FAILED, STOPPED_REASON,
                            clock.instant());
                    count++;
                }
            }
        }
        if (count > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} run(s) active when the platform last stopped are now failed", count);
        }
        return count;
    }

    private static SampleTarget startTarget(int port) {
        try {
            return SampleTarget.start(port);
        } catch (UncheckedIOException e) {
            if (port == 0) throw e;
            LOG.log(System.Logger.Level.WARNING, "port {0} is taken: the sample target takes a free port", port);
            return SampleTarget.start(0);
        }
    }

    private void startHttp(Handler handler) {
        http = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(http, new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(settings.port());
        http.addConnector(connector);
        http.setHandler(handler);
        opened(http::stop);
        try {
            http.start();
        } catch (Exception e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof BindException)) cause = cause.getCause();
            if (cause != null || e instanceof IOException) {
                throw new IllegalStateException("cannot listen on 127.0.0.1:" + settings.port()
                        + " (in use? give another --port)", e);
            }
            throw new IllegalStateException("the HTTP server did not start: " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
    }

    /** The API answers through the real HTTP path before anyone is told it is there. */
    private void selfCheck() {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/scenarios"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the API answered " + response.statusCode() + " at start: "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the API does not answer at " + apiUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    private void writeLocalJson(Path dir) {
        ObjectNode json = JSON.createObjectNode();
        json.put("url", apiUrl());
        json.put("console", consoleUrl());
        json.put("token", token);
        ObjectNode mqtt = json.putObject("mqtt");
        mqtt.put("tcp", broker.mqttPort());
        mqtt.put("ws", broker.webSocketUri().toString());
        Path file = dir.resolve(LOCAL_JSON);
        Path temp = dir.resolve(LOCAL_JSON + ".tmp");
        try {
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temp);
            }
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        opened(() -> Files.deleteIfExists(file));
    }

    public int port() {
        return port;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/api";
    }

    public String consoleUrl() {
        return "http://127.0.0.1:" + port + "/#token=" + token;
    }

    public String token() {
        return token;
    }

    public URI sampleTarget() {
        return target.baseUri();
    }

    public int mqttPort() {
        return broker.mqttPort();
    }

    public URI mqttWebSocket() {
        return broker.webSocketUri();
    }

    public Path localJson() {
        return settings.dataDir().toAbsolutePath().resolve(LOCAL_JSON);
    }

    public Settings settings() {
        return settings;
    }

    /** How long the start took, until local.json was written. */
    public Duration startup() {
        return startup;
    }

    /** Runs found active at start (left by a platform that stopped) and marked failed. */
    public int recoveredRuns() {
        return recovered;
    }

    public ScenarioRepository scenarios() {
        return scenarios;
    }

    public TestRunRepository runs() {
        return runs;
    }

    public LocalOrchestration orchestration() {
        return orchestration;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Removes local.json, stops the runs' workers, then every server, in reverse order of start. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            while (!opened.isEmpty()) {
                AutoCloseable resource = opened.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "while stopping the platform: " + e.getMessage(), e);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** One handler for the whole server: {@code /api/*} to the API bridge, anything else to the console. */
    private static final class RoutingHandler extends Handler.Abstract {
        volatile ApiBridge api;
        volatile ConsoleFiles console;

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getDecodedPath();
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            if (path.equals(ApiBridge.PREFIX) || path.startsWith(ApiBridge.PREFIX + "/")) {
                ApiBridge bridge = api;
                if (bridge == null) {
                    ApiBridge.json(response, callback, 503, "{\"code\":\"STARTING\",\"message\":\"the platform is starting\"}");
                } else {
                    bridge.handle(request, response, callback);
                }
                return true;
            }
            ConsoleFiles files = console;
            if (files != null && files.handle(request, response, callback)) {
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Response.writeError(request, response, callback, 404);
            return true;
        }
    }
}
