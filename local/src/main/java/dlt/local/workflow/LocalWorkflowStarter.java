package dlt.local.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dlt.core.port.WorkflowStarter;
import dlt.core.run.StateMachineInput;
import dlt.local.asl.Execution;
import dlt.local.asl.ExecutionOptions;
import dlt.local.asl.StateMachine;
import dlt.local.asl.TaskRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step Functions' StartExecution, locally: the same definition file runs in the ASL interpreter with
 * the handlers in-process. Executions are kept by id so the platform (and tests) can follow them.
 */
public final class LocalWorkflowStarter implements WorkflowStarter {
    /** The definition, copied from {@code infrastructure/statemachine} into this module's resources. */
    public static final String DEFINITION_RESOURCE = "/statemachine/dlt.asl.json";

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final StateMachine stateMachine;
    private final TaskRegistry tasks;
    private final ExecutionOptions options;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();

    public LocalWorkflowStarter(StateMachine stateMachine, TaskRegistry tasks, ExecutionOptions options) {
        this.stateMachine = stateMachine;
        this.tasks = tasks;
        this.options = options;
    }

    /** The project's state machine with local function ARNs. */
    public static StateMachine definition() {
        try (InputStream in = LocalWorkflowStarter.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the state machine definition " + DEFINITION_RESOURCE + " is not on the classpath");
            return StateMachine.parse("dlt", new String(in.readAllBytes(), StandardCharsets.UTF_8), LocalFunctions.substitutions());
        } catch (IOException e) {
            throw new IllegalStateException("the state machine definition could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String start(StateMachineInput input) {
        String name = input.testId() + "-" + input.testRunId();
        JsonNode payload = JSON.valueToTree(input);
        try {
            Execution execution = stateMachine.start(name, payload, tasks, options);
            executions.put(execution.id(), execution);
            executions.put(name, execution);
            return execution.id();
        } catch (RuntimeException e) {
            throw new WorkflowStartException("the local state machine could not start: " + e.getMessage(), e);
        }
    }

    /** An execution by its id or by its name ({@code testId-testRunId}). */
    public Optional<Execution> execution(String idOrName) {
        return Optional.ofNullable(executions.get(idOrName));
    }

    /** Aborts every execution still running (the platform is stopping). */
    public void stopAll(String cause) {
        executions.values().forEach(e -> e.stop(cause));
    }
}
