package dlt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The client commands: the dlt API (the local platform by default) from the command line. */
final class PlatformCommands {
    static final Set<String> TERMINAL = Set.of("complete", "failed", "cancelled");

    private PlatformCommands() {
    }

    /** Where the API is: {@code --api URL --token T}, else the local platform's {@code local.json} in {@code --data}. */
    static final class Target {
        @Option(names = "--api", paramLabel = "URL", description = "The API's base URL (default: the local platform's, from local.json).")
        String api;

        @Option(names = "--token", paramLabel = "T", description = "The API token (with --api; default: local.json's, or DLT_TOKEN).")
        String token;

        @Option(names = "--data", paramLabel = "DIR", description = "The local platform's data directory (default: ~/.dlt).")
        Path data;

        PlatformClient client() {
            return PlatformClient.resolve(api, token, data);
        }
    }

    @Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the scenarios.")
    static final class Scenarios implements Callable<Integer> {
        @Mixin Target target;

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode list = target.client().get("/scenarios");
            PrintStream out = System.out;
            if (json) {
                out.println(list.toPrettyString());
                return DltCommand.EXIT_OK;
            }
            JsonNode items = list.path("Items");
            if (items.isEmpty()) {
                out.println("no scenarios yet: ./dlt create FILE");
                return DltCommand.EXIT_OK;
            }
            out.printf("%-12s %-18s %-6s %-20s %-20s %s%n", "ID", "STATUS", "RUNS", "LAST START (UTC)",
                    "NEXT RUN (UTC)", "NAME");
            for (JsonNode item : items) {
                out.printf("%-12s %-18s %-6s %-20s %-20s %s%n", item.path("testId").asText(),
                        item.path("status").asText(), item.path("totalTestRuns").asText("0"),
                        text(item.path("startTime")), text(item.path("nextRun")), item.path("testName").asText());
            }
            return DltCommand.EXIT_OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a scenario from a DLT scenario file and start it (unless it says saveOnly);",
                    "with --script, upload a JMeter, k6 or Locust script for it first.",
                    "Prints the test id; follow it with: dlt status ID --watch"})
    static final class Create implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "FILE", description = "The scenario JSON (DLT's POST /scenarios body).")
        Path file;

        @Option(names = {"-q", "--quiet"}, description = "Print only the test id.")
        boolean quiet;

        @Option(names = "--script", paramLabel = "FILE", description = "For a jmeter, k6 or locust scenario: upload this script (.jmx, .js, .ts, .py, or a .zip of one with its files) first.")
        Path script;

        @Override
        public Integer call() {
            String body;
            JsonNode parsed;
            try {
                body = Files.readString(file, StandardCharsets.UTF_8);
                parsed = PlatformClient.JSON.readTree(body);
            } catch (NoSuchFileException e) {
                throw new UsageException("no such file: " + file);
            } catch (IOException e) {
                throw new UsageException(file + " is not JSON: " + DltCommand.oneLine(e));
            }
            PlatformClient client = target.client();
            if (script != null) {
                if (!(parsed instanceof ObjectNode scenario)) throw new UsageException(file + " is not a JSON object");
                body = ScriptUpload.attach(client, scenario, script).toString();
            }
            JsonNode created = client.post("/scenarios", body);
            printCreated(created, quiet);
            return DltCommand.EXIT_OK;
        }
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    /** The test's latest run, which results and report show when no --run is given. */
    static String latestRun(PlatformClient client, String testId) {
        String run = client.get("/scenarios/" + PlatformClient.segment(testId) + "?history=false&latest=false")
                .path("testRunId").asText("");
        if (run.isEmpty()) throw new UsageException(testId + " has not run yet");
        return run;
    }

    static void printCreated(JsonNode created, boolean quiet) {
        String testId = created.path("testId").asText();
        if (quiet) {
            System.out.println(testId);
            return;
        }
        String runId = created.path("testRunId").asText("");
        System.out.println(testId);
        String next = created.path("nextRun").isTextual() ? ", next scheduled run " + created.path("nextRun").asText()
                + " UTC" : "";
        System.err.println("dlt: scenario " + testId + " " + created.path("status").asText()
                + (runId.isEmpty() ? "" : ", run " + runId) + next + "; follow it with: ./dlt status " + testId
                + (runId.isEmpty() ? "" : " --watch"));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Run a stored scenario again now (as DLT's console does, by posting it again).",
                    "A scheduled scenario keeps its schedule."})
    static final class Start implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID", description = "The test id.")
        String testId;

        @Option(names = {"-q", "--quiet"}, description = "Print only the test id.")
        boolean quiet;

        @Option(names = "--script", paramLabel = "FILE", description = "Upload this script first, replacing the scenario's (jmeter, k6 and locust scenarios).")
        Path script;

        /** What GET adds to a scenario: not part of a POST body. */
        private static final List<String> NOT_INPUT = List.of("status", "startTime", "endTime", "nextRun", "testRunId",
                "baselineId", "totalTestRuns", "errorReason", "history", "results", "summary", "tasksPerRegion",
                "saveOnly", "schedule", "scheduleRecurrence", "createdAt", "updatedAt", "lastRun");
        private static final List<String> SCHEDULE_FIELDS = List.of("scheduleDate", "scheduleTime", "recurrence",
                "cronValue", "cronExpiryDate", "scheduleTimezone");

        @Override
        public Integer call() {
            PlatformClient client = target.client();
            JsonNode stored = client.get("/scenarios/" + PlatformClient.segment(testId) + "?history=false&latest=false");
            ObjectNode body = ((ObjectNode) stored).deepCopy();
            NOT_INPUT.forEach(body::remove);
            if (stored.path("nextRun").isTextual()) {
                // posted with its schedule, which would otherwise be removed, and asked to run now as well
                body.put("runNow", true);
            } else {
                // a one-time schedule that has run, or one that expired: nothing left to keep
                SCHEDULE_FIELDS.forEach(body::remove);
            }
            body.put("testId", testId);
            if (script != null) ScriptUpload.attach(client, body, script);
            printCreated(client.post("/scenarios", body.toString()), quiet);
            return DltCommand.EXIT_OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show a scenario's latest run; --watch follows it to the end.",
                    "Exit code 99 when the finished run broke a threshold; with --watch, 1 when it ended failed or cancelled."})
    static final class Status implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID", description = "The test id.")
        String testId;

        @Option(names = {"-w", "--watch"}, description = "Follow the run until it ends.")
        boolean watch;

        @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2", description = "Between polls with --watch (default: ${DEFAULT-VALUE}).")
        double interval;

        @Override
        public Integer call() throws InterruptedException {
            PlatformClient client = target.client();
            String path = "/scenarios/" + PlatformClient.segment(testId) + "?history=false";
            PrintStream out = System.out;
            JsonNode details = client.get(path);
            String last = null;
            long began = System.nanoTime();
            while (true) {
                String status = details.path("status").asText();
                String line = statusLine(details);
                if (last == null && details.path("schedule").isObject()) {
                    out.println(scheduleLine(details.path("schedule")));
                }
                if (!watch || !line.equals(last)) {
                    out.printf(watch ? "[%4ds] %s%n" : "%2$s%n", (System.nanoTime() - began) / 1_000_000_000L, line);
                    out.flush();
                    last = line;
                }
                if (!watch || TERMINAL.contains(status) || "created".equals(status) || "scheduled".equals(status)) {
                    break;
                }
                Thread.sleep((long) (Math.max(0.2, interval) * 1000));
                details = client.get(path);
            }
            String status = details.path("status").asText();
            if (TERMINAL.contains(status)) {
                JsonNode summary = details.path("summary");
                if (summary.isObject()) {
                    out.println(Results.table(summary));
                }
                if (!details.path("errorReason").asText("").isEmpty() && !"complete".equals(status)) {
                    out.println("reason: " + details.path("errorReason").asText());
                }
                if (thresholdsFailed(summary)) return DltCommand.EXIT_THRESHOLD_FAILED;
                // followed to its end, a run that was not carried out is the command's failure (CI gates on it)
                if (watch && !"complete".equals(status)) return DltCommand.EXIT_ERROR;
            }
            return DltCommand.EXIT_OK;
        }

        /** "schedule: cron 0 9 * * 1-5 in Europe/Paris; next runs: ..." in the schedule's own zone. */
        static String scheduleLine(JsonNode schedule) {
            String what = switch (schedule.path("type").asText()) {
                case "once" -> "once at " + schedule.path("at").asText().replace('T', ' ');
                case "recurrence" -> schedule.path("recurrence").asText() + " from "
                        + schedule.path("firstRun").asText().replace('T', ' ');
                default -> "cron " + schedule.path("cronValue").asText();
            };
            StringBuilder line = new StringBuilder("schedule: ").append(what).append(" in ")
                    .append(schedule.path("timezone").asText());
            if (schedule.path("expiryDate").isTextual()) {
                line.append(", until ").append(schedule.path("expiryDate").asText());
            }
            List<String> next = new java.util.ArrayList<>();
            schedule.path("nextRuns").forEach(run -> next.add(run.asText()));
            line.append(next.isEmpty() ? "; no more runs" : "; next runs: " + String.join(", ", next));
            return line.toString();
        }

        private static String statusLine(JsonNode details) {
            StringBuilder line = new StringBuilder(details.path("testId").asText()).append("  ")
                    .append(details.path("status").asText());
            String run = details.path("testRunId").asText("");
            if (!run.isEmpty()) line.append("  run ").append(run);
            for (JsonNode region : details.path("tasksPerRegion")) {
                line.append("  ").append(region.path("region").asText()).append(": ")
                        .append(region.path("running").asInt()).append("/").append(region.path("desired").asInt())
                        .append(" tasks running");
            }
            return line.toString();
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a scenario's active run.")
    static final class Cancel implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID", description = "The test id.")
        String testId;

        @Override
        public Integer call() {
            JsonNode answer = target.client().post("/scenarios/" + PlatformClient.segment(testId), null);
            System.out.println(testId + " " + answer.path("status").asText("cancelling") + " (run "
                    + answer.path("testRunId").asText("?") + ")");
            return DltCommand.EXIT_OK;
        }
    }

    @Command(name = "results", mixinStandardHelpOptions = true,
            description = {"Show a run's results (the latest run unless --run).",
                    "Exit code 99 when the run broke a threshold."})
    static final class Results implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID", description = "The test id.")
        String testId;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "A run of the test (default: the latest).")
        String runId;

        @Option(names = "--format", paramLabel = "table|json|junit", defaultValue = "table", description = "table (default), json (the run summary), or junit (thresholds as JUnit XML).")
        String format;

        @Override
        public Integer call() {
            String fmt = format.toLowerCase(Locale.ROOT);
            if (!Set.of("table", "json", "junit").contains(fmt)) {
                throw new UsageException("--format is table, json or junit, not '" + format + "'");
            }
            PlatformClient client = target.client();
            String id = PlatformClient.segment(testId);
            String run = runId != null ? runId : latestRun(client, testId);
            JsonNode details = client.get("/scenarios/" + id + "/testruns/" + PlatformClient.segment(run));
            String status = details.path("status").asText();
            JsonNode summary = details.path("summary");
            if (!summary.isObject()) {
                throw new UsageException("run " + run + " of " + testId + " has no results (status " + status
                        + (details.path("errorReason").asText("").isEmpty() ? "" : ": " + details.path("errorReason").asText())
                        + ")");
            }
            switch (fmt) {
                case "json" -> System.out.println(summary.toPrettyString());
                case "junit" -> System.out.print(junit(testId, run, summary));
                default -> {
                    System.out.println(testId + "  run " + run + "  " + status
                            + (details.path("partial").asBoolean() ? "  (partial: tasks missing)" : ""));
                    System.out.println(table(summary));
                }
            }
            return thresholdsFailed(summary) ? DltCommand.EXIT_THRESHOLD_FAILED : DltCommand.EXIT_OK;
        }

        static String table(JsonNode s) {
            JsonNode rt = s.path("responseTimeMs");
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "requests %d  ok %d  failed %d  %.1f req/s over %.1f s%n",
                    s.path("requests").asLong(), s.path("successes").asLong(), s.path("failures").asLong(),
                    s.path("rps").asDouble(), s.path("durationSeconds").asDouble()));
            out.append(String.format(Locale.ROOT,
                    "response time ms: min %.1f  avg %.1f  p50 %.1f  p90 %.1f  p95 %.1f  p99 %.1f  max %.1f",
                    rt.path("min").asDouble(), rt.path("avg").asDouble(), rt.path("p50").asDouble(),
                    rt.path("p90").asDouble(), rt.path("p95").asDouble(), rt.path("p99").asDouble(),
                    rt.path("max").asDouble()));
            if (s.path("statusCodes").size() > 0) out.append("\nstatus codes: ").append(pairs(s.path("statusCodes")));
            if (s.path("errors").size() > 0) out.append("\nerrors: ").append(pairs(s.path("errors")));
            JsonNode thresholds = s.path("thresholds");
            if (thresholds.isObject()) {
                out.append("\nthresholds: ").append(thresholds.path("passed").asBoolean() ? "passed" : "FAILED");
                for (JsonNode result : thresholds.path("results")) {
                    out.append("\n  ").append(result.path("passed").asBoolean(true) ? "ok   " : "FAIL ")
                            .append(describe(result));
                }
            }
            return out.toString();
        }

        private static String pairs(JsonNode object) {
            StringBuilder out = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(" ").append(e.getValue().asText());
            }
            return out.toString();
        }

        private static String describe(JsonNode result) {
            String metric = result.path("metric").asText("");
            String expression = result.path("expression").asText(result.path("threshold").asText(""));
            String actual = result.path("actual").asText(result.path("value").asText(""));
            String text = (metric + " " + expression).strip();
            if (text.isEmpty()) text = result.toString();
            return actual.isEmpty() ? text : text + " (actual " + actual + ")";
        }

        static String junit(String testId, String runId, JsonNode summary) {
            JsonNode results = summary.path("thresholds").path("results");
            int failures = 0;
            StringBuilder cases = new StringBuilder();
            int count = 0;
            for (JsonNode result : results) {
                count++;
                boolean passed = result.path("passed").asBoolean(true);
                cases.append("    <testcase classname=\"dlt.").append(xml(testId)).append("\" name=\"")
                        .append(xml(describe(result))).append("\"");
                if (passed) {
                    cases.append("/>\n");
                } else {
                    failures++;
                    cases.append(">\n      <failure message=\"threshold broken\">").append(xml(result.toString()))
                            .append("</failure>\n    </testcase>\n");
                }
            }
            if (count == 0) {
                count = 1;
                cases.append("    <testcase classname=\"dlt.").append(xml(testId)).append("\" name=\"run ")
                        .append(xml(runId)).append(" (no thresholds)\"/>\n");
            }
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"dlt " + xml(testId)
                    + " run " + xml(runId) + "\" tests=\"" + count + "\" failures=\"" + failures + "\">\n" + cases
                    + "  </testsuite>\n</testsuites>\n";
        }

        private static String xml(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Save a run's HTML report (the latest run unless --run).",
                    "Prints the path it was saved to."})
    static final class Report implements Callable<Integer> {
        @Mixin Target target;

        @Parameters(paramLabel = "ID", description = "The test id.")
        String testId;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "A run of the test (default: the latest).")
        String runId;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to save it (default: report-ID-RUN_ID.html here).")
        Path out;

        @Override
        public Integer call() {
            PlatformClient client = target.client();
            String id = PlatformClient.segment(testId);
            String run = runId != null ? runId : latestRun(client, testId);
            JsonNode artifacts = client.get("/scenarios/" + id + "/testruns/" + PlatformClient.segment(run) + "/artifacts");
            String url = artifacts.path("artifacts").path("report").path("url").asText("");
            if (url.isEmpty()) {
                throw new UsageException("run " + run + " of " + testId + " has no report yet (it is written once the "
                        + "run's results are parsed); see 'dlt status " + testId + "'");
            }
            byte[] report = client.download(url);
            Path file = out != null ? out : Path.of("report-" + testId + "-" + run + ".html");
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.write(file, report);
            } catch (IOException e) {
                throw new UsageException("cannot write " + file + ": " + DltCommand.oneLine(e));
            }
            System.out.println(file);
            return DltCommand.EXIT_OK;
        }
    }

    static boolean thresholdsFailed(JsonNode summary) {
        JsonNode thresholds = summary.path("thresholds");
        return thresholds.isObject() && thresholds.has("passed") && !thresholds.path("passed").asBoolean();
    }
}
