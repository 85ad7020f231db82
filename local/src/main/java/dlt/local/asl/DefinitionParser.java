package dlt.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a definition strictly: every field of every object must be one this interpreter runs;
 * anything else is an {@link InvalidDefinitionException} naming the state and the field.
 */
final class DefinitionParser {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final Set<String> FLOW = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath");
    private static final Set<String> RESULTS = Set.of("ResultSelector", "ResultPath", "Retry", "Catch");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task", union(FLOW, RESULTS, Set.of("Resource", "Parameters", "TimeoutSeconds", "TimeoutSecondsPath")),
            "Pass", union(FLOW, Set.of("Parameters", "Result", "ResultPath")),
            "Wait", union(FLOW, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")),
            "Choice", Set.of("Type", "Comment", "InputPath", "OutputPath", "Choices", "Default"),
            "Succeed", Set.of("Type", "Comment", "InputPath", "OutputPath"),
            "Fail", Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath"),
            "Map", union(FLOW, RESULTS, Set.of("ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator",
                    "MaxConcurrency")),
            "Parallel", union(FLOW, RESULTS, Set.of("Parameters", "Branches")));

    private final Set<String> allNames = new HashSet<>();
    private final List<String> resources = new ArrayList<>();

    record Parsed(StateGraph graph, Integer timeoutSeconds, List<String> resources) {
    }

    static Parsed parse(String json) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException("the definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDefinitionException("the definition must be a JSON object");
        }
        DefinitionParser parser = new DefinitionParser();
        allow(root, "the definition", Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds"));
        if (root.has("Version") && !root.get("Version").asText().equals("1.0")) {
            throw new InvalidDefinitionException("Version: only \"1.0\" is supported");
        }
        Integer timeout = optionalInt(root, "TimeoutSeconds", "the definition", 1);
        StateGraph graph = parser.graph(root, "the definition");
        return new Parsed(graph, timeout, List.copyOf(parser.resources));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    private static void allow(JsonNode node, String where, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new InvalidDefinitionException(where + ": unsupported field '" + field + "'");
            }
        }
    }

    private static String string(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw new InvalidDefinitionException(where + ": missing required field '" + field + "'");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDefinitionException(where + ": '" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static Integer optionalInt(JsonNode node, String field, String where, int min) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min) {
            throw new InvalidDefinitionException(where + ": '" + field + "' must be an integer >= " + min);
        }
        return value.intValue();
    }

    /** A path field: absent gives {@code $}, JSON null gives null (meaning {@code {}}). */
    private static JsonPaths.Path path(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return JsonPaths.compile("$", where);
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDefinitionException(where + ": '" + field + "' must be a path string or null");
        }
        return JsonPaths.compile(value.textValue(), where + "." + field);
    }

    private static PayloadTemplate template(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null ? null : PayloadTemplate.parse(value, where + "." + field);
    }

    private StateGraph graph(JsonNode node, String where) {
        String startAt = string(node, "StartAt", where, true);
        JsonNode states = node.get("States");
        if (states == null || !states.isObject() || states.isEmpty()) {
            throw new InvalidDefinitionException(where + ": 'States' must be a non-empty object");
        }
        Map<String, State> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : states.properties()) {
            String name = entry.getKey();
            if (name.isEmpty() || name.length() > 80) {
                throw new InvalidDefinitionException(where + ": state name '" + name + "' must be 1 to 80 characters");
            }
            if (!allNames.add(name)) {
                throw new InvalidDefinitionException("state name '" + name + "' is used more than once");
            }
            parsed.put(name, state(name, entry.getValue()));
        }
        if (!parsed.containsKey(startAt)) {
            throw new InvalidDefinitionException(where + ": StartAt '" + startAt + "' is not a state");
        }
        for (State state : parsed.values()) {
            for (String target : targets(state)) {
                if (!parsed.containsKey(target)) {
                    throw new InvalidDefinitionException("state '" + state.name() + "': transition target '" + target
                            + "' is not a state of its scope");
                }
            }
        }
        return new StateGraph(startAt, Map.copyOf(parsed));
    }

    private static List<String> targets(State state) {
        List<String> targets = new ArrayList<>();
        switch (state) {
            case State.Task task -> {
                targets.add(task.flow().next());
                task.results().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Pass pass -> targets.add(pass.flow().next());
            case State.Wait wait -> targets.add(wait.flow().next());
            case State.Choice choice -> {
                targets.addAll(choice.nexts());
                targets.add(choice.defaultNext());
            }
            case State.Map map -> {
                targets.add(map.flow().next());
                map.results().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Parallel parallel -> {
                targets.add(parallel.flow().next());
                parallel.results().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Succeed succeed -> {
            }
            case State.Fail fail -> {
            }
        }
        targets.removeIf(t -> t == null);
        return targets;
    }

    private State state(String name, JsonNode node) {
        String where = "state '" + name + "'";
        if (!node.isObject()) {
            throw new InvalidDefinitionException(where + " must be an object");
        }
        String type = string(node, "Type", where, true);
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new InvalidDefinitionException(where + ": unsupported state type '" + type + "'");
        }
        where = where + " (" + type + ")";
        allow(node, where, allowed);
        return switch (type) {
            case "Task" -> task(name, node, where);
            case "Pass" -> {
                List<JsonPaths.Segment> resultPath = resultPath(node, where);
                yield new State.Pass(name, flow(node, where), template(node, "Parameters", where),
                        node.has("Result") ? node.get("Result").deepCopy() : null, resultPath, resultPathText(node));
            }
            case "Wait" -> wait(name, node, where);
            case "Choice" -> choice(name, node, where);
            case "Succeed" -> new State.Succeed(name, new State.Flow(path(node, "InputPath", where),
                    path(node, "OutputPath", where), null));
            case "Fail" -> fail(name, node, where);
            case "Map" -> map(name, node, where);
            case "Parallel" -> parallel(name, node, where);
            default -> throw new IllegalStateException(type);
        };
    }

    private static State.Flow flow(JsonNode node, String where) {
        String next = string(node, "Next", where, false);
        JsonNode end = node.get("End");
        if (end != null && !(end.isBoolean() && end.booleanValue())) {
            throw new InvalidDefinitionException(where + ": 'End' must be true when present");
        }
        if ((next == null) == (end == null)) {
            throw new InvalidDefinitionException(where + ": needs exactly one of 'Next' and 'End'");
        }
        return new State.Flow(path(node, "InputPath", where), path(node, "OutputPath", where), next);
    }

    private static List<JsonPaths.Segment> resultPath(JsonNode node, String where) {
        JsonNode value = node.get("ResultPath");
        if (value == null) {
            return List.of();
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDefinitionException(where + ": 'ResultPath' must be a reference path or null");
        }
        return JsonPaths.referencePath(value.textValue(), where + ".ResultPath");
    }

    private static String resultPathText(JsonNode node) {
        JsonNode value = node.get("ResultPath");
        return value == null ? "$" : value.isNull() ? null : value.textValue();
    }

    private static State.Results results(JsonNode node, String where) {
        List<Retrier> retriers = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry != null) {
            if (!retry.isArray()) {
                throw new InvalidDefinitionException(where + ": 'Retry' must be an array");
            }
            for (int i = 0; i < retry.size(); i++) {
                retriers.add(retrier(retry.get(i), where + ".Retry[" + i + "]", i == retry.size() - 1));
            }
        }
        List<Catcher> catchers = new ArrayList<>();
        JsonNode catchNode = node.get("Catch");
        if (catchNode != null) {
            if (!catchNode.isArray()) {
                throw new InvalidDefinitionException(where + ": 'Catch' must be an array");
            }
            for (int i = 0; i < catchNode.size(); i++) {
                String catchWhere = where + ".Catch[" + i + "]";
                JsonNode c = catchNode.get(i);
                allow(c, catchWhere, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"));
                catchers.add(new Catcher(errors(c, catchWhere, i == catchNode.size() - 1),
                        string(c, "Next", catchWhere, true), resultPath(c, catchWhere), resultPathText(c)));
            }
        }
        return new State.Results(template(node, "ResultSelector", where), resultPath(node, where),
                resultPathText(node), List.copyOf(retriers), List.copyOf(catchers));
    }

    private static ErrorMatcher errors(JsonNode node, String where, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw new InvalidDefinitionException(where + ": 'ErrorEquals' must be a non-empty array of error names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode error : errors) {
            if (!error.isTextual()) {
                throw new InvalidDefinitionException(where + ": 'ErrorEquals' must hold strings");
            }
            names.add(error.textValue());
        }
        if (names.contains(StateFailure.ALL) && (names.size() > 1 || !last)) {
            throw new InvalidDefinitionException(where + ": States.ALL must be alone in the last ErrorEquals");
        }
        return new ErrorMatcher(List.copyOf(names));
    }

    private static Retrier retrier(JsonNode node, String where, boolean last) {
        allow(node, where, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                "JitterStrategy", "Comment"));
        Integer interval = optionalInt(node, "IntervalSeconds", where, 1);
        Integer attempts = optionalInt(node, "MaxAttempts", where, 0);
        JsonNode backoff = node.get("BackoffRate");
        if (backoff != null && (!backoff.isNumber() || backoff.doubleValue() < 1.0)) {
            throw new InvalidDefinitionException(where + ": 'BackoffRate' must be a number >= 1.0");
        }
        String jitter = string(node, "JitterStrategy", where, false);
        if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
            throw new InvalidDefinitionException(where + ": 'JitterStrategy' must be FULL or NONE");
        }
        return new Retrier(errors(node, where, last), interval == null ? 1 : interval, attempts == null ? 3 : attempts,
                backoff == null ? 2.0 : backoff.doubleValue(), optionalInt(node, "MaxDelaySeconds", where, 1),
                "FULL".equals(jitter));
    }

    private State task(String name, JsonNode node, String where) {
        String resource = string(node, "Resource", where, true);
        resources.add(resource);
        Integer timeout = optionalInt(node, "TimeoutSeconds", where, 1);
        String timeoutPath = string(node, "TimeoutSecondsPath", where, false);
        if (timeout != null && timeoutPath != null) {
            throw new InvalidDefinitionException(where + ": only one of 'TimeoutSeconds' and 'TimeoutSecondsPath'");
        }
        return new State.Task(name, flow(node, where), resource, template(node, "Parameters", where), timeout,
                timeoutPath == null ? null : JsonPaths.compile(timeoutPath, where + ".TimeoutSecondsPath"),
                results(node, where));
    }

    private static State wait(String name, JsonNode node, String where) {
        int count = 0;
        for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            count += node.has(field) ? 1 : 0;
        }
        if (count != 1) {
            throw new InvalidDefinitionException(where
                    + ": needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'");
        }
        String timestampText = string(node, "Timestamp", where, false);
        Instant timestamp = null;
        if (timestampText != null) {
            timestamp = JsonValues.parseTimestamp(timestampText).orElseThrow(() -> new InvalidDefinitionException(
                    where + ": 'Timestamp' is not an RFC 3339 timestamp: " + timestampText));
        }
        String secondsPath = string(node, "SecondsPath", where, false);
        String timestampPath = string(node, "TimestampPath", where, false);
        return new State.Wait(name, flow(node, where), optionalInt(node, "Seconds", where, 0),
                secondsPath == null ? null : JsonPaths.compile(secondsPath, where + ".SecondsPath"), timestamp,
                timestampPath == null ? null : JsonPaths.compile(timestampPath, where + ".TimestampPath"));
    }

    private static State choice(String name, JsonNode node, String where) {
        JsonNode choices = node.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new InvalidDefinitionException(where + ": 'Choices' must be a non-empty array");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        List<String> nexts = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            rules.add(ChoiceRule.parse(choices.get(i), where + ".Choices[" + i + "]", true));
            nexts.add(choices.get(i).get("Next").textValue());
        }
        return new State.Choice(name, new State.Flow(path(node, "InputPath", where), path(node, "OutputPath", where),
                null), List.copyOf(rules), List.copyOf(nexts), string(node, "Default", where, false));
    }

    private static State fail(String name, JsonNode node, String where) {
        String error = string(node, "Error", where, false);
        String cause = string(node, "Cause", where, false);
        String errorPath = string(node, "ErrorPath", where, false);
        String causePath = string(node, "CausePath", where, false);
        if (error != null && errorPath != null || cause != null && causePath != null) {
            throw new InvalidDefinitionException(where + ": use either 'Error' or 'ErrorPath', 'Cause' or 'CausePath'");
        }
        return new State.Fail(name, error, cause,
                errorPath == null ? null : Expression.parse(errorPath, where + ".ErrorPath"),
                causePath == null ? null : Expression.parse(causePath, where + ".CausePath"));
    }

    private State map(String name, JsonNode node, String where) {
        if (node.has("ItemSelector") && node.has("Parameters")) {
            throw new InvalidDefinitionException(where + ": use either 'ItemSelector' or 'Parameters'");
        }
        if (node.has("ItemProcessor") == node.has("Iterator")) {
            throw new InvalidDefinitionException(where + ": needs exactly one of 'ItemProcessor' and 'Iterator'");
        }
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = node.get(processorField);
        String processorWhere = where + "." + processorField;
        if (!processor.isObject()) {
            throw new InvalidDefinitionException(processorWhere + " must be an object");
        }
        allow(processor, processorWhere, processorField.equals("ItemProcessor")
                ? Set.of("StartAt", "States", "Comment", "ProcessorConfig") : Set.of("StartAt", "States", "Comment"));
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null) {
            allow(config, processorWhere + ".ProcessorConfig", Set.of("Mode"));
            if (config.has("Mode") && !"INLINE".equals(config.get("Mode").asText())) {
                throw new InvalidDefinitionException(processorWhere + ".ProcessorConfig: only Mode INLINE is supported");
            }
        }
        Integer max = optionalInt(node, "MaxConcurrency", where, 0);
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        return new State.Map(name, flow(node, where), path(node, "ItemsPath", where),
                template(node, selectorField, where), graph(processor, processorWhere), max == null ? 0 : max,
                results(node, where));
    }

    private State parallel(String name, JsonNode node, String where) {
        JsonNode branches = node.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            throw new InvalidDefinitionException(where + ": 'Branches' must be a non-empty array");
        }
        List<StateGraph> graphs = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            String branchWhere = where + ".Branches[" + i + "]";
            allow(branches.get(i), branchWhere, Set.of("StartAt", "States", "Comment"));
            graphs.add(graph(branches.get(i), branchWhere));
        }
        return new State.Parallel(name, flow(node, where), template(node, "Parameters", where), List.copyOf(graphs),
                results(node, where));
    }
}
