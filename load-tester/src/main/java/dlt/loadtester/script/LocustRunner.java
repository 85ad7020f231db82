package dlt.loadtester.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.loadtester.engine.ErrorKind;
import dlt.loadtester.engine.SampleRecorder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a locustfile with the {@code locust} program, headless, with the scenario's users, spawn rate
 * (users over the ramp-up) and run time (ramp-up plus hold-for). A small hook file loads the
 * locustfile and sends every request to this process over a loopback socket, with the response time
 * Locust measured (fractions of a millisecond kept), which goes to the recorder under the request's
 * name as the script gives it.
 */
public final class LocustRunner implements ScriptRunner {
    static final String HOOK_FILE = "_dlt_locust_entry.py";
    private static final long STOP_GRACE_SECONDS = 15;
    private static final int CONNECT_WAIT_MILLIS = 60_000;

    private final Path locust;
    private final Path locustfile;
    private final ScriptLoad load;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private Process process;
    private boolean stopRequested;

    public LocustRunner(Path locust, Path locustfile, ScriptLoad load) {
        this.locust = locust;
        this.locustfile = locustfile.toAbsolutePath();
        this.load = load;
    }

    @Override
    public void run(SampleRecorder recorder) throws InterruptedException {
        Path hook;
        try {
            // beside nothing of the user's: the hook finds the locustfile's folder itself (DLT_LOCUST_SCRIPT)
            hook = Files.createTempDirectory("dlt-locust").resolve(HOOK_FILE);
        } catch (IOException e) {
            throw new ScriptFailure("cannot write locust's hook file: " + e.getMessage(), e);
        }
        try (ServerSocket samples = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (InputStream in = LocustRunner.class.getResourceAsStream("dlt_locust_hook.py")) {
                Files.copy(in, hook, StandardCopyOption.REPLACE_EXISTING);
            }
            Process started = start(hook, samples.getLocalPort());
            OutputTail output = OutputTail.of(started, "locust");
            Thread deadline = stopAfter(started, load.totalSeconds() + STOP_GRACE_SECONDS);
            boolean reported = false;
            try (Socket connection = accept(samples, started)) {
                if (connection != null) {
                    reported = true;
                    readSamples(connection, recorder);
                }
            }
            started.waitFor();
            deadline.interrupt();
            if (!reported && !stopRequested()) {
                throw new ScriptFailure("locust exited with code " + started.exitValue() + " before running "
                        + locustfile.getFileName() + ":\n" + output.text());
            }
        } catch (IOException e) {
            throw new ScriptFailure("cannot run locust: " + e.getMessage(), e);
        } finally {
            Process p;
            synchronized (lock) {
                p = process;
            }
            if (p != null && p.isAlive()) p.destroyForcibly();
            TempFiles.deleteQuietly(hook.getParent());
        }
    }

    private Process start(Path hook, int port) throws IOException {
        int users = load.usersOrDefault();
        double rampSeconds = load.rampUpNanos() / 1e9;
        double spawnRate = rampSeconds <= 0 ? users : users / rampSeconds;
        List<String> command = new ArrayList<>(List.of(locust.toString(), "-f", hook.toString(), "--headless",
                "-u", String.valueOf(users), "-r", String.format(Locale.ROOT, "%.3f", spawnRate),
                "-t", load.totalSeconds() + "s", "--stop-timeout", "5", "--only-summary", "--loglevel", "WARNING",
                "--exit-code-on-error", "0"));
        if (load.host() != null) command.addAll(List.of("--host", load.host()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(locustfile.getParent().toFile()).redirectErrorStream(true);
        builder.environment().put("DLT_LOCUST_SCRIPT", locustfile.toString());
        builder.environment().put("DLT_SAMPLE_PORT", String.valueOf(port));
        synchronized (lock) {
            if (stopRequested) throw new ScriptFailure("stopped before locust started");
            process = builder.start();
            return process;
        }
    }

    /** Locust ends by itself at its run time; this is the bound when it does not (SIGTERM, then SIGKILL). */
    private static Thread stopAfter(Process locust, long seconds) {
        Thread t = new Thread(() -> {
            try {
                if (locust.waitFor(seconds, TimeUnit.SECONDS)) return;
                locust.destroy();
                if (!locust.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) locust.destroyForcibly();
            } catch (InterruptedException e) {
                // locust ended in time
            }
        }, "dlt-locust-deadline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The hook's connection, or null when locust ended (or was stopped) before its hook connected. */
    private static Socket accept(ServerSocket samples, Process locust) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_WAIT_MILLIS);
        samples.setSoTimeout(250);
        while (System.nanoTime() < deadline) {
            try {
                return samples.accept();
            } catch (SocketTimeoutException e) {
                if (!locust.isAlive()) return null;
            }
        }
        return null;
    }

    private void readSamples(Socket connection, SampleRecorder recorder) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) record(json.readTree(line), recorder);
            }
        }
    }

    /** {@code [name, response time ms, status, response bytes, error or null, users]}. */
    private static void record(JsonNode sample, SampleRecorder recorder) {
        String name = sample.get(0).asText();
        long micros = Math.round(sample.get(1).asDouble() * 1000.0);
        int status = sample.get(2).asInt();
        long bytes = sample.get(3).asLong();
        String error = sample.get(4).isNull() ? null : sample.get(4).asText();
        ErrorKind kind = error == null ? null : ScriptErrors.classify(status, error);
        recorder.activeUsers(sample.get(5).asInt());
        recorder.record(name, status, kind, 0, bytes, micros, -1, -1);
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
        // SIGTERM: locust stops its users and exits; its hook's socket closes, which ends the reading
        if (p != null) p.destroy();
    }

    @Override
    public long plannedNanos() {
        return load.totalSeconds() * 1_000_000_000L;
    }

    @Override
    public String describe() {
        return "Locust " + locustfile.getFileName() + " with " + load.usersOrDefault() + " users, ramp-up "
                + ScriptLoad.seconds(load.rampUpNanos()) + " s, for " + load.totalSeconds() + " s";
    }
}
