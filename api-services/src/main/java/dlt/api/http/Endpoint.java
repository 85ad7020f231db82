package dlt.api.http;

import java.util.List;

/** Every route of the API (ARCHITECTURE §4, DLT's routes): a method and a path template. */
public enum Endpoint {
    LIST_SCENARIOS("GET", "/scenarios"),
    CREATE_SCENARIO("POST", "/scenarios"),
    GET_SCENARIO("GET", "/scenarios/{testId}"),
    CANCEL_SCENARIO("POST", "/scenarios/{testId}"),
    DELETE_SCENARIO("DELETE", "/scenarios/{testId}"),
    LIST_TEST_RUNS("GET", "/scenarios/{testId}/testruns"),
    DELETE_TEST_RUNS("DELETE", "/scenarios/{testId}/testruns"),
    GET_TEST_RUN("GET", "/scenarios/{testId}/testruns/{testRunId}"),
    COMPARE_TEST_RUN("GET", "/scenarios/{testId}/testruns/{testRunId}/compare"),
    TEST_RUN_ARTIFACTS("GET", "/scenarios/{testId}/testruns/{testRunId}/artifacts"),
    GET_BASELINE("GET", "/scenarios/{testId}/baseline"),
    PUT_BASELINE("PUT", "/scenarios/{testId}/baseline"),
    DELETE_BASELINE("DELETE", "/scenarios/{testId}/baseline"),
    UPLOAD_URL("POST", "/scenarios/{testId}/upload-url"),
    TASKS("GET", "/tasks"),
    REGIONS("GET", "/regions"),
    VCPU_DETAILS("GET", "/vCPUDetails"),
    STACK_INFO("GET", "/stack-info"),
    /** Ours: the next runs a schedule would start, for the console's form, without storing anything. */
    SCHEDULE_PREVIEW("POST", "/schedule-preview"),
    /** Ours: opens the live-data topics to the caller's console (on AWS, its Cognito identity). */
    LIVE_ACCESS("POST", "/live-access");

    private final String method;
    private final String template;
    private final List<String> segments;

    Endpoint(String method, String template) {
        this.method = method;
        this.template = template;
        this.segments = List.of(template.substring(1).split("/"));
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    List<String> segments() {
        return segments;
    }
}
