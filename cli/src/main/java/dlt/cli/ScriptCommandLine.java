package dlt.cli;

import dlt.core.scenario.FileType;
import dlt.core.scenario.TestType;
import dlt.core.script.ScriptBundle;
import dlt.core.script.ScriptTools;
import dlt.core.threshold.Thresholds;
import dlt.core.time.DltDuration;
import dlt.loadtester.script.ScriptFailure;
import dlt.loadtester.script.ScriptFiles;
import dlt.loadtester.script.ScriptLoad;
import dlt.loadtester.script.ScriptPlans;
import dlt.loadtester.script.ScriptRunner;
import dlt.loadtester.script.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code dlt run FILE} for a script: the test type from the extension (or, for a zip, {@code --type} or
 * what the zip holds), and the flags that make sense for scripts: {@code --vus}, {@code --ramp-up},
 * {@code --duration}, and {@code --url} as a Locust file's host. Without them a JMeter plan runs its
 * own thread groups and a k6 script its own options; Locust, which needs numbers, gets dlt's defaults.
 */
record ScriptCommandLine(Path file, String type, String url, Integer vus, Double rate, DltDuration rampUp,
                         DltDuration duration, DltDuration warmUp, DltDuration thinkTime, Thresholds thresholds,
                         ScriptTools tools) {

    private static final List<String> EXTENSIONS = List.of(".jmx", ".js", ".ts", ".py", ".zip");

    static boolean isScript(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    RunCommand.ParsedRun parse() throws IOException {
        if (rate != null) throw new UsageException("--rate (open model) drives URL and scenario tests; a script takes --vus, --ramp-up and --duration");
        if (warmUp != null && warmUp.toMillis() > 0) throw new UsageException("--warm-up: a script is measured from its first request");
        if (thinkTime != null) throw new UsageException("--think-time: a script sets its own pauses");
        if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
        if (vus != null && (vus < 1 || vus > 1_000_000)) throw new UsageException("--vus must be between 1 and 1000000");
        if (duration != null && duration.toMillis() <= 0) throw new UsageException("--duration must be more than 0s");
        boolean zipped = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        byte[] zip = zipped ? Files.readAllBytes(file) : null;
        TestType testType;
        if (zipped) {
            testType = type != null ? namedType() : typeInside(zip);
        } else {
            testType = ScriptPlans.typeOf(file);
            if (type != null && namedType() != testType) {
                throw new UsageException("--type " + type + " does not match " + file.getFileName() + ", a " + testType.jsonValue() + " script");
            }
        }
        if (url != null && testType != TestType.LOCUST) {
            throw new UsageException("--url is a Locust file's host; a " + testType.jsonValue() + " script names its own URLs");
        }
        String host = url == null ? null : FlagPlan.parseUrl(url).toString();
        ScriptFiles files;
        Path scratch = null;
        if (zipped) {
            scratch = Files.createTempDirectory("dlt-run-script");
            try {
                files = ScriptFiles.prepare(zip, testType, FileType.ZIP, file.getFileName().toString(), scratch);
            } catch (ScriptBundle.InvalidBundleException e) {
                TempFiles.deleteQuietly(scratch);
                throw new UsageException(file + " is refused: " + e.getMessage());
            }
        } else {
            files = ScriptFiles.local(file);
        }
        long rampNanos = rampUp == null ? 0 : Durations.nanos(rampUp);
        ScriptLoad load = new ScriptLoad(vus, rampNanos, duration == null ? null : Durations.nanos(duration), host);
        ScriptRunner runner;
        try {
            runner = ScriptPlans.runner(testType, files, load, tools);
        } catch (ScriptFailure e) {
            TempFiles.deleteQuietly(scratch);
            throw new UsageException(e.getMessage());
        }
        return new RunCommand.ParsedRun(null, runner, thresholds, testType.jsonValue() + " " + file.getFileName(), scratch);
    }

    private TestType namedType() {
        return TestType.fromJson(type.toLowerCase(Locale.ROOT)).filter(TestType::usesScript)
                .orElseThrow(() -> new UsageException("--type must be jmeter, k6 or locust"));
    }

    /** DLT looks for a .jmx, locustfile.py or a .js; the first kind the zip holds decides. */
    private TestType typeInside(byte[] zip) {
        for (TestType candidate : List.of(TestType.JMETER, TestType.LOCUST, TestType.K6)) {
            try {
                ScriptBundle.inspect(zip, candidate);
                return candidate;
            } catch (ScriptBundle.InvalidBundleException e) {
                if (!e.getMessage().contains(" holds no ")) throw new UsageException(file + " is refused: " + e.getMessage());
            }
        }
        throw new UsageException(file + " holds no .jmx, locustfile.py or .js/.ts script");
    }
}
