package dlt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dlt.core.result.WorkerResult;
import dlt.core.result.WorkerResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlt run} as its own process, stopped by SIGTERM as a container runtime or Ctrl-C would. */
class RunCommandSignalTest {
    private static final long PROGRESS_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    @Test
    void run_sigtermMidRun_exitsSoonAndWritesIncompleteResult() throws Exception {
        AtomicLong served = new AtomicLong();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                served.incrementAndGet();
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        Path out = dir.resolve("result.json");
        Path stderr = dir.resolve("stderr.txt");
        Process dlt = null;
        try {
            dlt = new ProcessBuilder(javaCommand("run", "--url", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                    "--vus", "2", "--duration", "30s", "--warm-up", "0s", "--out", out.toString()))
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(stderr.toFile())
                    .start();
            long deadline = System.nanoTime() + PROGRESS_DEADLINE_NANOS;
            while (!(read(stderr).contains("running") && served.get() > 0)) {
                assertThat(dlt.isAlive()).as("dlt still running; stderr: %s", read(stderr)).isTrue();
                assertThat(System.nanoTime()).as("a progress line appears; stderr: %s", read(stderr)).isLessThan(deadline);
                Thread.sleep(20);
            }

            dlt.destroy();

            assertThat(dlt.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s of SIGTERM").isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(text).contains("\"complete\":false");
            WorkerResult result = WorkerResultJson.read(text);
            assertThat(result.complete()).isFalse();
            assertThat(result.total().requests()).isPositive();
            assertThat(result.measured().seconds()).isLessThan(30);
        } finally {
            if (dlt != null) {
                dlt.destroyForcibly();
                dlt.waitFor(10, TimeUnit.SECONDS);
            }
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** This JVM's java, on this test's class path, running the dlt main class. */
    private static List<String> javaCommand(String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                DltCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
