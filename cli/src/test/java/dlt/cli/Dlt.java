package dlt.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the real {@code dlt} command line in this JVM with stdout and stderr captured. */
final class Dlt {
    record Outcome(int exit, String out, String err) {
    }

    private static final long DEADLINE_SECONDS = 30;

    private Dlt() {
    }

    static synchronized Outcome run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> execution = runner.submit(() -> DltCommand.commandLine().execute(args));
            int exit;
            try {
                exit = execution.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                execution.cancel(true);
                throw new AssertionError("dlt " + String.join(" ", args) + " did not finish within " + DEADLINE_SECONDS + " s");
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError("dlt " + String.join(" ", args) + " failed: " + e, e);
            }
            System.out.flush();
            System.err.flush();
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            runner.shutdownNow();
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
