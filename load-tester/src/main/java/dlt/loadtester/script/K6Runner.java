package dlt.loadtester.script;

import dlt.loadtester.engine.SampleRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a k6 script with the {@code k6} program and its JSON output, read while k6 writes it (so live
 * lines follow the run) and converted by {@link K6JsonOutput}. With a {@link ScriptLoad} that
 * overrides the script, k6 gets {@code --vus}/{@code --duration}, or two {@code --stage}s when there
 * is a ramp-up; otherwise the script's own {@code options} apply.
 */
public final class K6Runner implements ScriptRunner {
    private static final long POLL_MILLIS = 100;
    private static final long STOP_GRACE_SECONDS = 15;
    /** k6's exit code when the script's own thresholds failed: the run itself was carried out. */
    private static final int K6_THRESHOLDS_FAILED = 99;

    private final Path k6;
    private final Path script;
    private final ScriptLoad load;
    private final Object lock = new Object();
    private Process process;
    private boolean stopRequested;

    public K6Runner(Path k6, Path script, ScriptLoad load) {
        this.k6 = k6;
        this.script = script.toAbsolutePath();
        this.load = load;
    }

    /** The k6 command line; the JSON output goes to {@code output}. */
    List<String> command(Path output) {
        List<String> command = new ArrayList<>(List.of(k6.toString(), "run", "--quiet", "--no-color",
                "--address", "127.0.0.1:" + freeLoopbackPort(), "--out", "json=" + output));
        if (load.overridesScript()) {
            int users = load.usersOrDefault();
            long ramp = ScriptLoad.seconds(load.rampUpNanos());
            long hold = ScriptLoad.seconds(load.holdOrDefault());
            if (ramp > 0) {
                command.addAll(List.of("--stage", ramp + "s:" + users, "--stage", hold + "s:" + users));
            } else {
                command.addAll(List.of("--vus", String.valueOf(users), "--duration", hold + "s"));
            }
        }
        command.add(script.toString());
        return command;
    }

    /**
     * k6's REST API listens on localhost:6565 by default; two workers on one machine (the local
     * platform) would collide, so each k6 gets a port of its own.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ScriptFailure("no free loopback port for k6's API server: " + e.getMessage(), e);
        }
    }

    @Override
    public void run(SampleRecorder recorder) throws InterruptedException {
        K6JsonOutput converter = new K6JsonOutput();
        Path output = null;
        try {
            output = Files.createTempDirectory("dlt-k6").resolve("output.json");
            Files.deleteIfExists(output);
            Files.createFile(output);
            Process started;
            synchronized (lock) {
                if (stopRequested) return;
                started = new ProcessBuilder(command(output)).directory(script.getParent().toFile())
                        .redirectErrorStream(true).start();
                process = started;
            }
            OutputTail tail = OutputTail.of(started, "k6");
            long deadline = load.overridesScript()
                    ? System.nanoTime() + TimeUnit.SECONDS.toNanos(load.totalSeconds() + STOP_GRACE_SECONDS) : Long.MAX_VALUE;
            try (InputStream in = Files.newInputStream(output)) {
                LineReader lines = new LineReader(in);
                while (!started.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    lines.readAvailable(line -> converter.accept(line, recorder));
                    if (System.nanoTime() > deadline) started.destroy();
                }
                lines.readAvailable(line -> converter.accept(line, recorder));
                lines.finish(line -> converter.accept(line, recorder));
            }
            int exit = started.exitValue();
            if (exit != 0 && exit != K6_THRESHOLDS_FAILED && !stopRequested()) {
                throw new ScriptFailure("k6 exited with code " + exit + " running " + script.getFileName() + ":\n" + tail.text());
            }
        } catch (IOException e) {
            throw new ScriptFailure("cannot run k6: " + e.getMessage(), e);
        } finally {
            Process p;
            synchronized (lock) {
                p = process;
            }
            if (p != null && p.isAlive()) p.destroyForcibly();
            if (output != null) TempFiles.deleteQuietly(output.getParent());
        }
    }

    private boolean stopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }

    @Override
    public void stop() {
        Process p;
        synchronized (lock) {
            stopRequested = true;
            p = process;
        }
        if (p != null) p.destroy(); // SIGTERM: k6 ends the test and flushes its output
    }

    @Override
    public long plannedNanos() {
        return load.overridesScript() ? load.totalSeconds() * 1_000_000_000L : 0;
    }

    @Override
    public String describe() {
        return "k6 " + script.getFileName() + (load.overridesScript() ? " with " + load.usersOrDefault()
                + " VUs, ramp-up " + ScriptLoad.seconds(load.rampUpNanos()) + " s, for " + load.totalSeconds() + " s"
                : " with its own options");
    }

    /** Splits a growing file into lines, keeping a line that is not finished yet for the next read. */
    static final class LineReader {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineReader(InputStream in) {
            this.in = in;
        }

        void readAvailable(Consumer<String> onLine) throws IOException {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        onLine.accept(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(buffer[i]);
                    }
                }
            }
        }

        void finish(Consumer<String> onLine) {
            if (pending.size() > 0) onLine.accept(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
