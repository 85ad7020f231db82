package dlt.taskstatuschecker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.workflow.PlatformUnavailableException;
import dlt.core.run.workflow.PollSchedule;
import dlt.core.time.DltDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The definition in infrastructure/statemachine: its references, its retries and its history budget. */
class StateMachineDefinitionTest {

    private static final Path DEFINITION = Path.of("..", "infrastructure", "statemachine", "dlt.asl.json");
    private static final Set<String> PLACEHOLDERS = Set.of("EcrCheckerFunctionArn", "TaskRunnerFunctionArn",
            "TaskStatusCheckerFunctionArn", "TaskCancelerFunctionArn", "ResultsParserFunctionArn");
    private static final Set<String> LAMBDA_ERRORS = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
    /** The state types the local interpreter runs. */
    private static final Set<String> TYPES = Set.of("Task", "Choice", "Wait", "Pass", "Map", "Parallel", "Succeed", "Fail");
    /** History events a state adds when it runs once (a Lambda task: entered, scheduled, started, succeeded, exited). */
    private static final Map<String, Integer> EVENTS = Map.of("Task", 5, "Choice", 2, "Wait", 2, "Pass", 2,
            "Succeed", 2, "Fail", 2);

    private final JsonNode definition = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Files.readString(DEFINITION));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + DEFINITION.toAbsolutePath(), e);
        }
    }

    @Test
    void placeholders_everyOne_isAFunctionArnTheTemplateSubstitutes() throws Exception {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(Files.readString(DEFINITION));
        Set<String> found = new HashSet<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).isEqualTo(PLACEHOLDERS);
    }

    @Test
    void transitions_everyNextDefaultAndCatchTarget_existsInItsScope() {
        List<String> problems = new ArrayList<>();
        checkScope(definition, "top", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void tasks_everyOne_retriesLambdaServiceErrorsWithBackoff() {
        List<JsonNode> tasks = states(definition, "Task");
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode task : tasks) {
            JsonNode lambdaRetry = null;
            for (JsonNode retry : task.path("Retry")) {
                Set<String> errors = new HashSet<>();
                retry.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
                if (errors.containsAll(LAMBDA_ERRORS)) {
                    lambdaRetry = retry;
                }
            }
            assertThat(lambdaRetry).as("Lambda retry of %s", task.path("Resource").asText()).isNotNull();
            assertThat(lambdaRetry.path("BackoffRate").asDouble()).isGreaterThan(1.0);
            assertThat(lambdaRetry.path("MaxAttempts").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(task.path("Resource").asText()).matches("\\$\\{[A-Za-z]+FunctionArn}");
        }
    }

    @Test
    void tasks_ofOurHandlers_retryPlatformErrorsAndNeverRunFailures() {
        for (JsonNode task : states(definition, "Task")) {
            String all = task.path("Retry").toString();
            assertThat(all).doesNotContain("RunFailedException").doesNotContain("RunCancelledException")
                    .doesNotContain("States.ALL").doesNotContain("States.TaskFailed");
            if (!task.path("Resource").asText().contains("ResultsParser")) {
                assertThat(all).contains(PlatformUnavailableException.ERROR_NAME);
            }
        }
    }

    @Test
    void states_onlyTheTypesTheLocalInterpreterRuns_andWaitsTakeTheirSecondsFromTheChecks() {
        List<JsonNode> all = states(definition, null);
        assertThat(all).allSatisfy(s -> assertThat(TYPES).contains(s.path("Type").asText()));
        List<JsonNode> waits = states(definition, "Wait");
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w.path("SecondsPath").asText()).endsWith(".waitSeconds"));
    }

    @Test
    void failures_everyStateThatCanFailBeforeTheEnd_isCaughtToTheCanceller() {
        JsonNode top = definition.path("States");
        for (String name : List.of("CheckImage", "Preflight", "Regions", "ReleaseBarrier", "CheckCompletion", "ParseResults")) {
            JsonNode c = top.path(name).path("Catch").get(0);
            assertThat(c.path("ErrorEquals").get(0).asText()).as(name).isEqualTo("States.ALL");
            assertThat(c.path("Next").asText()).as(name).isEqualTo("StopWorkers");
            assertThat(c.path("ResultPath").asText()).as(name).isEqualTo("$.error");
        }
    }

    @Test
    void pollLoops_costTheEventsThePollScheduleBudgetsFor() {
        JsonNode region = definition.path("States").path("Regions").path("ItemProcessor").path("States");
        assertThat(loopEvents(region, "CheckProvisioning")).isEqualTo(PollSchedule.EVENTS_PER_POLL);
        assertThat(loopEvents(definition.path("States"), "CheckCompletion")).isEqualTo(PollSchedule.EVENTS_PER_POLL);
    }

    /** The longest run the scenario rules accept (ramp-up and hold-for of 30 d each), and a year of stages. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 34})
    void history_longestAcceptedRunInManyRegions_staysUnder10000Events(int regions) {
        long longest = DltDuration.parse("30d").toSeconds() * 2;
        for (long duration : List.of(30L, 3_600L, 86_400L, longest, 365L * 86_400)) {
            assertThat(worstCaseEvents(regions, duration)).as("%d regions, %d s", regions, duration)
                    .isLessThan(PollSchedule.HISTORY_TARGET);
        }
    }

    @Test
    void pollInterval_growsWithTheDurationFromTheMinimum() {
        PollSchedule polls = PollSchedule.DEFAULT;
        Duration grace = CheckerSettings.DEFAULT_COMPLETION_GRACE;
        assertThat(polls.completionInterval(60, grace)).isEqualTo(10);
        assertThat(polls.completionInterval(86_400, grace)).isBetween(140, 150);
        assertThat(polls.completionInterval(DltDuration.parse("30d").toSeconds() * 2, grace)).isGreaterThan(8_000);
        assertThat(polls.provisioningInterval(CheckerSettings.DEFAULT_PROVISIONING_TIMEOUT, 1)).isEqualTo(10);
        assertThat(polls.provisioningInterval(CheckerSettings.DEFAULT_PROVISIONING_TIMEOUT, 10)).isEqualTo(33);
    }

    /**
     * Every event a run can add: the states passed once (success path and failure path both), per region the
     * Map iteration, launch and exit, the poll loops at their most, and 50 Lambda retries (3 events each).
     */
    private long worstCaseEvents(int regions, long durationSeconds) {
        CheckerSettings settings = CheckerSettings.DEFAULT;
        int provisioningInterval = settings.polls().provisioningInterval(settings.provisioningTimeout(), regions);
        long provisioningPolls = PollSchedule.pollsOver(settings.provisioningTimeout().toSeconds(), provisioningInterval);
        assertThat(provisioningPolls).isLessThanOrEqualTo(PollSchedule.provisioningPollsPerRegion(regions));
        int completionInterval = settings.polls().completionInterval(durationSeconds, settings.completionGrace());
        long window = PollSchedule.START_LEAD_ALLOWANCE_SECONDS + durationSeconds + settings.completionGrace().toSeconds();
        long completionPolls = PollSchedule.pollsOver(window, completionInterval);
        assertThat(completionPolls).isLessThanOrEqualTo(PollSchedule.completionPolls());

        JsonNode top = definition.path("States");
        long once = 2; // execution started, ended
        for (String state : List.of("Prepare", "CheckImage", "Preflight", "ReleaseBarrier", "ParseResults", "StopWorkers",
                "CancelFailed", "ParseStoppedRun", "Outcome", "RunFailed")) {
            once += EVENTS.get(top.path(state).path("Type").asText());
        }
        once += 4; // Map: entered, started, succeeded, exited
        JsonNode region = top.path("Regions").path("ItemProcessor").path("States");
        long perRegion = 2 + EVENTS.get(region.path("LaunchWorkers").path("Type").asText())
                + EVENTS.get(region.path("RegionReady").path("Type").asText());
        long retries = 50 * 3;
        return once + retries + regions * (perRegion + provisioningPolls * PollSchedule.EVENTS_PER_POLL)
                + completionPolls * PollSchedule.EVENTS_PER_POLL;
    }

    /** Events of one turn of the loop starting at {@code check}: check, its Choice's default (the Wait), back. */
    private static int loopEvents(JsonNode states, String check) {
        int events = 0;
        String name = check;
        Set<String> seen = new HashSet<>();
        while (seen.add(name)) {
            JsonNode state = states.path(name);
            events += EVENTS.get(state.path("Type").asText());
            name = state.has("Default") ? state.path("Default").asText() : state.path("Next").asText();
        }
        assertThat(name).isEqualTo(check);
        return events;
    }

    private static void checkScope(JsonNode machine, String scope, List<String> problems) {
        JsonNode states = machine.path("States");
        if (!states.has(machine.path("StartAt").asText())) {
            problems.add(scope + ": StartAt " + machine.path("StartAt").asText());
        }
        states.properties().forEach(entry -> {
            JsonNode state = entry.getValue();
            List<String> targets = new ArrayList<>();
            state.path("Next").asText(null);
            if (state.has("Next")) targets.add(state.path("Next").asText());
            if (state.has("Default")) targets.add(state.path("Default").asText());
            state.path("Choices").forEach(c -> targets.add(c.path("Next").asText()));
            state.path("Catch").forEach(c -> targets.add(c.path("Next").asText()));
            for (String target : targets) {
                if (!states.has(target)) {
                    problems.add(scope + "/" + entry.getKey() + " -> " + target);
                }
            }
            boolean ends = state.path("End").asBoolean(false) || Set.of("Succeed", "Fail", "Choice")
                    .contains(state.path("Type").asText());
            if (!ends && !state.has("Next")) {
                problems.add(scope + "/" + entry.getKey() + " neither ends nor goes on");
            }
            if (state.has("ItemProcessor")) {
                checkScope(state.path("ItemProcessor"), scope + "/" + entry.getKey(), problems);
            }
            state.path("Branches").forEach(b -> checkScope(b, scope + "/" + entry.getKey(), problems));
        });
    }

    /** Every state of the machine, nested ones too, of {@code type} (all when null). */
    private static List<JsonNode> states(JsonNode machine, String type) {
        List<JsonNode> found = new ArrayList<>();
        machine.path("States").forEach(state -> {
            if (type == null || type.equals(state.path("Type").asText())) {
                found.add(state);
            }
            if (state.has("ItemProcessor")) {
                found.addAll(states(state.path("ItemProcessor"), type));
            }
            state.path("Branches").forEach(b -> found.addAll(states(b, type)));
        });
        return found;
    }
}
