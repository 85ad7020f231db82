package dlt.livedata;

import dlt.core.live.LiveLine;
import dlt.core.result.Histograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The live lines behind the fixtures in {@code src/test/resources/events/}: the same {@link LiveLine#toJson}
 * the worker prints, with response times from a fixed formula so a test can rebuild every raw value.
 * {@link #main} writes the fixture files again.
 */
final class LiveFixtures {
    static final String TEST_ID = "AbCdE12345";
    static final String RUN_ID = "run-1";
    static final long FIRST_SECOND = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private LiveFixtures() {
    }

    /** Response times (µs) task {@code task} measured in second {@code second}. */
    static long[] responseTimes(int task, int second) {
        int count = 400 + 150 * task + 25 * second;
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = 800 + ((i * 7919L + task * 3_301L + second * 1_777L) % (60_000L + 40_000L * task));
        }
        return values;
    }

    static LiveLine line(String testId, String region, int task, int second) {
        long[] values = responseTimes(task, second);
        Histogram hist = Histograms.newCoarse();
        for (long v : values) {
            Histograms.record(hist, v);
        }
        long fail = values.length / (10 + task);
        return new LiveLine(testId, RUN_ID, region, "task-" + region + "-" + task, FIRST_SECOND + second,
                10 + task, values.length - fail, fail, values.length * 512L, hist);
    }

    /** Every raw value of {@code second} over {@code tasks} tasks in one histogram (what an exact merge must match). */
    static Histogram oneHistogram(int tasks, int second) {
        Histogram all = Histograms.newCoarse();
        for (int t = 0; t < tasks; t++) {
            for (long v : responseTimes(t, second)) {
                Histograms.record(all, v);
            }
        }
        return all;
    }

    /** What a worker's log stream carries besides live lines. */
    static List<String> foreignLines() {
        return List.of(
                "dlt-worker: starting in 1200 ms",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                "\tat dlt.loadtester.worker.Worker.run(Worker.java:120)",
                "\tat java.base/java.lang.Thread.run(Thread.java:1583)",
                "{\"schema\": \"dlt.live.v1\", \"testId\": \"" + TEST_ID + "\", \"second\": ",
                "{\"schema\":\"dlt.live.v1\",\"testId\":\"" + TEST_ID + "\",\"testRunId\":\"r\",\"region\":\"us-east-1\","
                        + "\"taskId\":\"t\",\"second\":1,\"users\":1,\"ok\":1,\"fail\":0,\"bytes\":1,\"hist\":\"bm90IGEgaGlzdA==\"}",
                "{\"schema\":\"dlt.live.v1\",\"testId\":\"" + TEST_ID + "\",\"ok\":-5}",
                "{\"schema\":\"dlt.live.v2\",\"testId\":\"" + TEST_ID + "\"}",
                TEST_ID + " live=true 20:49:50 INFO: Current: 100 vu\t58 succ\t0 fail\t3.631 avg rt\t/\tCumulative: 5.374 avg rt, 0% failures",
                "",
                "\u0000\u0001 binary \uFFFD noise");
    }

    /** Two tasks, three seconds, foreign lines between them, in one us-east-1 delivery. */
    static LogsSubscription.Batch twoTasks() {
        List<LogsSubscription.LogEvent> events = new ArrayList<>();
        List<String> foreign = foreignLines();
        int id = 0;
        for (int second = 0; second < 3; second++) {
            for (int task = 0; task < 2; task++) {
                long at = (FIRST_SECOND + second + 1) * 1000 + 150 + task;
                events.add(new LogsSubscription.LogEvent(eventId(id++), at, line(TEST_ID, "us-east-1", task, second).toJson()));
                events.add(new LogsSubscription.LogEvent(eventId(id++), at, foreign.get((second * 2 + task) % foreign.size())));
            }
        }
        for (int f = 6; f < foreign.size(); f++) {
            events.add(new LogsSubscription.LogEvent(eventId(id++), (FIRST_SECOND + 4) * 1000, foreign.get(f)));
        }
        return new LogsSubscription.Batch(LogsSubscription.DATA_MESSAGE, "123456789012", "dlt-ecs-us-east-1",
                "load-tester/dlt/task-us-east-1", List.of("dlt-live"), events);
    }

    static String eventId(int n) {
        return String.format("%056d", n);
    }

    static String event(String data) {
        return "{\n  \"awslogs\": {\n    \"data\": \"" + data + "\"\n  }\n}\n";
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/events");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("live-two-tasks.json"), event(LogsSubscription.encode(twoTasks())));
        Files.writeString(dir.resolve("control-message.json"), event(LogsSubscription.encode(new LogsSubscription.Batch(
                "CONTROL_MESSAGE", "CloudwatchLogs", "", "", List.of(), List.of(new LogsSubscription.LogEvent(
                        eventId(0), FIRST_SECOND * 1000,
                        "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."))))));
        Files.writeString(dir.resolve("not-base64.json"), event("H4sI!!not*base64**"));
        Files.writeString(dir.resolve("not-gzip.json"), event(java.util.Base64.getEncoder().encodeToString(
                "{\"messageType\":\"DATA_MESSAGE\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        byte[] truncated = java.util.Base64.getDecoder().decode(LogsSubscription.encode(twoTasks()));
        Files.writeString(dir.resolve("truncated-gzip.json"), event(java.util.Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(truncated, truncated.length / 2))));
        Files.writeString(dir.resolve("not-a-payload.json"), event(gzip("[1, 2, 3]")));
    }

    private static String gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
