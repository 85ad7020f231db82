package dlt.loadtester.script;

import dlt.core.result.WorkerResult;
import dlt.loadtester.engine.RunListener;
import dlt.loadtester.plan.LoadPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Copies script fixtures out of test resources, filling in placeholders, and runs them with a deadline. */
public final class ScriptFixtures {
    private ScriptFixtures() {
    }

    /** Copies {@code scripts/<name>} to {@code into}, replacing each {@code @KEY@} in text files. */
    public static Path copy(String name, Path into, Map<String, String> values) throws IOException {
        Path source;
        try {
            source = Path.of(ScriptFixtures.class.getResource("/scripts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(from -> {
                Path to = into.resolve(source.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        String text = Files.readString(from, StandardCharsets.UTF_8);
                        for (var e : values.entrySet()) text = text.replace("@" + e.getKey() + "@", e.getValue());
                        Files.writeString(to, text, StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return into;
    }

    /** Runs the script to its end, failing the test when it takes longer than {@code limitSeconds}. */
    static WorkerResult run(ScriptRunner runner, RunListener listener, long limitSeconds) throws Exception {
        ScriptTest test = ScriptTest.start(runner, LoadPlan.RunIdentity.standalone(), listener, Clock.systemUTC());
        CompletableFuture<WorkerResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return test.awaitResult();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return result.get(limitSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            test.stop();
            throw new AssertionError(runner.describe() + " did not end within " + limitSeconds + " s", e);
        }
    }
}
