package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A parsed Amazon States Language definition (JSONPath dialect) that runs in-process.
 *
 * <pre>{@code
 * StateMachine sm = StateMachine.parse(json, Map.of("TaskRunnerFunctionArn", "arn:...:task-runner"));
 * Execution e = sm.start("run-1", input, tasks, ExecutionOptions.defaults().withWaitScale(0.01));
 * ExecutionResult r = e.await(Duration.ofMinutes(1));
 * }</pre>
 *
 * Supported: Task, Pass, Wait, Choice, Succeed, Fail, Map (inline), Parallel; InputPath, Parameters,
 * ItemSelector, ResultSelector, ResultPath, OutputPath; Retry and Catch; the context object; the
 * intrinsic functions of {@link IntrinsicFunctions}. Anything else is refused when parsing.
 */
public final class StateMachine {
    private final String name;
    private final StateGraph graph;
    private final Integer timeoutSeconds;
    private final List<String> resources;

    private StateMachine(String name, DefinitionParser.Parsed parsed) {
        this.name = name;
        this.graph = parsed.graph();
        this.timeoutSeconds = parsed.timeoutSeconds();
        this.resources = parsed.resources();
    }

    /** Parses a definition after replacing its {@code ${Name}} placeholders from {@code substitutions}. */
    public static StateMachine parse(String definition, Map<String, String> substitutions) {
        return parse("local", definition, substitutions);
    }

    public static StateMachine parse(String name, String definition, Map<String, String> substitutions) {
        Objects.requireNonNull(name, "name");
        return new StateMachine(name, DefinitionParser.parse(DefinitionSubstitutions.apply(definition, substitutions)));
    }

    public String name() {
        return name;
    }

    public String arn() {
        return "arn:aws:states:local:000000000000:stateMachine:" + name;
    }

    /** The {@code Resource} of every Task state, in definition order. */
    public List<String> resources() {
        return resources;
    }

    /**
     * Starts an execution on its own thread.
     *
     * @throws IllegalArgumentException when a Task resource of the definition has no handler in {@code tasks}
     */
    public Execution start(String executionName, JsonNode input, TaskRegistry tasks, ExecutionOptions options) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(options, "options");
        TreeSet<String> missing = new TreeSet<>(resources);
        missing.removeAll(tasks.resources());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no task handler registered for resources " + missing);
        }
        JsonNode actualInput = input == null ? JsonValues.NODES.objectNode() : input;
        return Execution.start(this, graph, timeoutSeconds, Execution.validName(executionName), actualInput, tasks,
                options);
    }
}
