package dlt.local.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.port.RunCanceller;

/**
 * The API's asynchronous invoke of the canceller, locally: the same handler, on a virtual thread, so
 * the API answers at once and the workers stop within seconds.
 */
public final class LocalRunCanceller implements RunCanceller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalFunctions functions;

    public LocalRunCanceller(LocalFunctions functions) {
        this.functions = functions;
    }

    @Override
    public void cancel(String testId, String testRunId) {
        ObjectNode input = JSON.createObjectNode().put("testId", testId).put("testRunId", testRunId);
        Thread.ofVirtual().name("cancel-" + testRunId).start(() -> {
            try {
                functions.invoke(LocalFunctions.TASK_CANCELER, input);
            } catch (Exception e) {
                // An async Lambda invoke has no caller to tell: the failure goes to the log, and the
                // state machine still sees "cancelling" at its next check and stops the workers itself.
                System.err.println("dlt-local: cancelling run " + testRunId + " failed: " + e.getMessage());
            }
        });
    }
}
