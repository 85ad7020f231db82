package dlt.loadtester.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a tool's output (so the tool never blocks on a full pipe) and keeps its last lines, which
 * explain why the tool failed when it does.
 */
final class OutputTail {
    private static final int KEPT_LINES = 15;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    private OutputTail(InputStream in, String name) {
        reader = new Thread(() -> drain(in), name);
        reader.setDaemon(true);
        reader.start();
    }

    static OutputTail of(Process process, String tool) {
        return new OutputTail(process.getInputStream(), tool + "-output");
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > KEPT_LINES) lines.removeFirst();
                }
            }
        } catch (IOException e) {
            // the tool closed its output: nothing more to keep
        }
    }

    /** The last lines, once the tool has exited (waits briefly for the reader to catch up). */
    String text() throws InterruptedException {
        reader.join(2_000);
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
