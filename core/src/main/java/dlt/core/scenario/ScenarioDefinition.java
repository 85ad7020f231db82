package dlt.core.scenario;

import java.util.List;

/**
 * What a virtual user does: the HTTP {@code requests} of a simple test, or the uploaded
 * {@code script} (a file name) of a JMeter, k6 or Locust test. {@code script} is null when absent.
 */
public record ScenarioDefinition(List<RequestSpec> requests, String script) {

    public ScenarioDefinition {
        requests = ImmutableCopies.list(requests);
    }
}
