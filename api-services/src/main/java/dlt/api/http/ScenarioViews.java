package dlt.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.ApiSettings;
import dlt.api.usecase.CancelScenario;
import dlt.api.usecase.CreateScenario;
import dlt.api.usecase.ScenarioQueries;
import dlt.core.port.ObjectStore.PresignedUpload;
import dlt.core.port.TaskLauncher.WorkerTask;
import dlt.core.port.TaskLauncher;
import dlt.core.run.RegionResources;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import dlt.core.run.TestRun;
import dlt.core.scenario.ScenarioJson;
import dlt.core.scenario.Schedule;
import dlt.core.schedule.RunSchedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** DLT's JSON shapes of scenarios, regions, capacity and stack info. */
public final class ScenarioViews {

    private ScenarioViews() {
    }

    /** The scenario as DLT's JSON ({@code testScenario} an object) with what the system keeps about it. */
    public static ObjectNode scenario(StoredScenario stored) {
        ObjectNode node = (ObjectNode) Json.stored(ScenarioJson.toJson(stored.scenario()),
                Json.object());
        node.put("status", stored.status().wire());
        Json.time(node, "startTime", stored.startTime());
        Json.time(node, "endTime", stored.endTime());
        Json.time(node, "nextRun", stored.nextRun());
        node.put("testRunId", stored.lastRunId());
        node.put("baselineId", stored.baselineId());
        node.put("totalTestRuns", stored.totalTestRuns());
        node.put("errorReason", stored.errorReason());
        return node;
    }

    public static ObjectNode created(CreateScenario.Result result) {
        ObjectNode node = scenario(result.scenario());
        node.put("testRunId", result.testRunId());
        return node;
    }

    public static ObjectNode details(ScenarioQueries.Details details, boolean withLatest) {
        ObjectNode node = scenario(details.scenario());
        ArrayNode history = node.putArray("history");
        for (TestRun run : details.history()) {
            history.add(RunViews.historyItem(run));
        }
        TestRun latest = details.latest();
        if (!withLatest) {
            node.putObject("results");
        } else {
            String results = details.scenario().results() != null ? details.scenario().results()
                    : latest == null ? null : latest.results();
            node.set("results", Json.stored(results, Json.object()));
            node.set("summary", latest == null ? Json.NODES.nullNode() : Json.stored(latest.summary(),
                    Json.NODES.nullNode()));
        }
        if (details.upcoming() != null) {
            node.set("schedule", schedule(details.upcoming()));
        }
        if (details.scenario().status().isActive()) {
            ArrayNode regions = node.putArray("tasksPerRegion");
            for (ScenarioQueries.RegionTasks tasks : details.tasksPerRegion()) {
                ObjectNode region = regions.addObject()
                        .put("region", tasks.region())
                        .put("running", tasks.running())
                        .put("pending", tasks.pending())
                        .put("desired", tasks.desired());
                ArrayNode list = region.putArray("tasks");
                for (WorkerTask task : tasks.tasks()) {
                    list.addObject().put("taskId", task.taskId()).put("status", task.status());
                }
            }
        }
        return node;
    }

    /**
     * The schedule as the user set it, with its next runs in the user's zone (ISO-8601 with the offset
     * of that day, so a run after a daylight-saving change shows its own offset).
     */
    public static ObjectNode schedule(ScenarioQueries.Upcoming upcoming) {
        RunSchedule schedule = upcoming.schedule();
        ObjectNode node = Json.object().put("timezone", schedule.zone().getId());
        switch (schedule) {
            case RunSchedule.Once once -> node.put("type", "once").put("at", once.at().toString());
            case RunSchedule.Repeating repeating -> node.put("type", "recurrence")
                    .put("recurrence", repeating.recurrence().wire())
                    .put("firstRun", repeating.first().toString());
            case RunSchedule.Cron cron -> node.put("type", "cron").put("cronValue", cron.expression().text());
        }
        schedule.expiry().ifPresent(day -> node.put("expiryDate", day.toString()));
        List<Instant> runs = upcoming.runs();
        node.put("nextRun", runs.isEmpty() ? null : local(runs.get(0), schedule.zone()));
        ArrayNode next = node.putArray("nextRuns");
        runs.forEach(run -> next.add(local(run, schedule.zone())));
        return node;
    }

    private static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    public static ObjectNode scenarios(List<ScenarioSummary> scenarios) {
        ObjectNode root = Json.object();
        ArrayNode items = root.putArray("Items");
        for (ScenarioSummary summary : scenarios) {
            ObjectNode item = items.addObject()
                    .put("testId", summary.testId())
                    .put("testName", summary.testName())
                    .put("testDescription", summary.testDescription())
                    .put("testType", summary.testType())
                    .put("status", summary.status() == null ? null : summary.status().wire());
            Json.time(item, "startTime", summary.startTime());
            Json.time(item, "endTime", summary.endTime());
            Json.time(item, "nextRun", summary.nextRun());
            item.put("scheduleRecurrence", summary.recurrence());
            item.put("cronValue", summary.cronValue());
            item.put("scheduleTimezone", summary.scheduleTimezone());
            ArrayNode tags = item.putArray("tags");
            summary.tags().forEach(tags::add);
            item.put("totalTestRuns", summary.totalTestRuns());
            item.put("baselineId", summary.baselineId());
        }
        return root;
    }

    public static ObjectNode cancelled(CancelScenario.Result result) {
        return Json.object()
                .put("testId", result.testId())
                .put("testRunId", result.testRunId())
                .put("status", result.status().wire())
                .put("message", "test cancelling");
    }

    public static ObjectNode deleted(String testId) {
        return Json.object().put("testId", testId).put("message", "success");
    }

    public static ObjectNode regions(List<RegionResources> regions, ApiSettings settings) {
        ObjectNode root = Json.object();
        ArrayNode items = root.putArray("regions");
        for (RegionResources region : regions) {
            ObjectNode item = items.addObject()
                    .put("testId", RegionResources.rowId(region.region()))
                    .put("region", region.region())
                    .put("taskCluster", region.taskCluster())
                    .put("taskDefinition", region.taskDefinition())
                    .put("taskImage", region.taskImage())
                    .put("subnetA", region.subnets().isEmpty() ? null : region.subnets().get(0))
                    .put("subnetB", region.subnets().size() < 2 ? null : region.subnets().get(1))
                    .put("taskSecurityGroup", region.taskSecurityGroup())
                    .put("ecsCloudWatchLogGroup", region.logGroup());
            ArrayNode subnets = item.putArray("subnets");
            region.subnets().forEach(subnets::add);
        }
        root.put("url", settings.regionalTemplateUrl());
        return root;
    }

    public static JsonNode tasks(Map<String, List<WorkerTask>> tasks) {
        ArrayNode root = Json.NODES.arrayNode();
        tasks.forEach((region, list) -> {
            ObjectNode item = root.addObject().put("region", region);
            ArrayNode arns = item.putArray("taskArns");
            list.forEach(task -> arns.add(task.taskId()));
        });
        return root;
    }

    public static ObjectNode vCpuDetails(Map<String, TaskLauncher.Capacity> capacities) {
        ObjectNode root = Json.object();
        capacities.forEach((region, capacity) -> {
            ObjectNode item = root.putObject(region);
            Json.number(item, "vCPULimit", capacity.vCpuLimit());
            Json.number(item, "vCPUsPerTask", capacity.vCpusPerTask());
            Json.number(item, "vCPUsInUse", capacity.vCpusInUse());
            boolean known = capacity.vCpuLimit() != null && capacity.vCpusPerTask() != null
                    && capacity.vCpusPerTask() > 0;
            Json.number(item, "dltTaskLimit", known ? Math.floor(capacity.vCpuLimit() / capacity.vCpusPerTask()) : null);
            item.put("dltAvailableTasks", capacity.availableTasks());
        });
        return root;
    }

    /**
     * {@code POST /live-access}: the identity the live topics were opened to (null when the broker needs
     * none) and the topic filter it may subscribe to.
     */
    public static ObjectNode liveAccess(Optional<String> identityId) {
        return Json.object()
                .put("identityId", identityId.orElse(null))
                .put("topicFilter", "dlt/+");
    }

    public static ObjectNode stackInfo(ApiSettings settings) {
        return Json.object()
                .put("created_time", settings.createdTime())
                .put("region", settings.region())
                .put("version", settings.version())
                .put("mcp_endpoint", settings.mcpEndpoint())
                .put("deployment_id", settings.deploymentId())
                .put("account_id", settings.accountId())
                .put("deployment_method", settings.deploymentMethod())
                .put("stack_id", settings.stackId())
                .put("stack_name", settings.stackName())
                .put("solution_template", settings.solutionTemplate())
                .put("latest_version", settings.version())
                .put("is_update_available", false);
    }

    public static ObjectNode upload(PresignedUpload upload) {
        return Json.object()
                .put("url", upload.url())
                .put("key", upload.key())
                .put("expiresAt", upload.expiresAt().toString());
    }
}
