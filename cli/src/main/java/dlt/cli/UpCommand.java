package dlt.cli;

import dlt.local.platform.LocalPlatform;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dlt up}: the local platform in this JVM until Ctrl-C (or SIGTERM), which stops everything, workers included. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the local platform: the API, the web console, the workers, the sample target.",
                "Everything listens on 127.0.0.1; Ctrl-C stops it all. Data is kept in --data.",
                "Examples:",
                "  dlt up",
                "  dlt up --port 9000 --data ./dlt-data --regions us-east-1,eu-west-1 --tasks-per-region 4"})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8400", description = "API and console port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "Where scenarios, runs and results are kept (default: ~/.dlt).")
    Path data;

    @Option(names = "--regions", paramLabel = "a,b", split = ",", defaultValue = "us-east-1", description = "Regions to offer, each with its own workers (default: ${DEFAULT-VALUE}).")
    List<String> regions;

    @Option(names = "--tasks-per-region", paramLabel = "N", defaultValue = "8", description = "Workers a region can run at once (default: ${DEFAULT-VALUE}).")
    int tasksPerRegion;

    @Option(names = "--mqtt-port", paramLabel = "N", defaultValue = "0", description = "The MQTT broker's TCP port (default: a free one).")
    int mqttPort;

    @Option(names = "--target-port", paramLabel = "N", defaultValue = "8401", description = "The sample target's port (default: ${DEFAULT-VALUE}; a free one if taken).")
    int targetPort;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path dir = data != null ? data : PlatformClient.defaultDataDir();
        LocalPlatform.Settings settings;
        try {
            settings = LocalPlatform.Settings.defaults(dir).withPorts(port, mqttPort, targetPort)
                    .withRegions(regions, tasksPerRegion);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("dlt: starting the local platform (data in " + dir.toAbsolutePath() + ")...");
        LocalPlatform platform = LocalPlatform.start(settings);
        Thread hook = new Thread(platform::close, "dlt-up-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("dlt: ready in %.1f s%n", platform.startup().toMillis() / 1000.0);
        if (platform.recoveredRuns() > 0) {
            out.println("  " + platform.recoveredRuns() + " run(s) active when the platform last stopped are now failed");
        }
        out.println("  console        " + platform.consoleUrl());
        out.println("  api            " + platform.apiUrl() + "   (Authorization: Bearer <token>, see "
                + platform.localJson() + ")");
        out.println("  sample target  " + platform.sampleTarget() + "   (/fast, /slow, /flaky ...)");
        out.println("  mqtt           tcp 127.0.0.1:" + platform.mqttPort() + ", " + platform.mqttWebSocket());
        out.println("  regions        " + String.join(", ", settings.regions()) + " (" + tasksPerRegion + " workers each)");
        out.println("Try: ./dlt create examples/demo.json && ./dlt status <id> --watch    Ctrl-C stops everything.");
        out.flush();
        platform.awaitStop();
        return DltCommand.EXIT_OK;
    }

    @Override
    public String toString() {
        return "up " + port + " " + data + " " + Arrays.toString(regions.toArray());
    }
}
