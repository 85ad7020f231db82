package dlt.loadtester.engine;

/** Why a request failed; the wire name is what result files, tables and thresholds show. */
public enum ErrorKind {
    HTTP_4XX("http_4xx"),
    HTTP_5XX("http_5xx"),
    CHECK_STATUS("check_status"),
    CHECK_BODY("check_body"),
    EXTRACT_FAILED("extract_failed"),
    CONNECT_REFUSED("connect_refused"),
    CONNECT_TIMEOUT("connect_timeout"),
    RESPONSE_TIMEOUT("response_timeout"),
    CONNECTION_CLOSED("connection_closed"),
    TLS_ERROR("tls_error"),
    PROTOCOL_ERROR("protocol_error"),
    IO_ERROR("io_error"),
    /** A script's own assertion or check refused a response (JMeter assertions, Locust's failure(), k6 expected_response). */
    ASSERTION_FAILED("assertion_failed"),
    /** A script reported an error that says nothing about the connection or the status (an exception in its code). */
    SCRIPT_ERROR("script_error");

    private final String wireName;

    ErrorKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
