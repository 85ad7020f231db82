package dlt.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.api.usecase.ErrorCode;
import dlt.core.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API Gateway responses: JSON bodies, CORS headers as DLT sends them, and the HTTP status of each error. */
public final class Responses {

    private static final String ALLOWED_HEADERS =
            "Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token";
    private static final String ALLOWED_METHODS = "GET,POST,PUT,DELETE,OPTIONS";

    private final String allowedOrigin;

    public Responses(String allowedOrigin) {
        this.allowedOrigin = allowedOrigin;
    }

    public APIGatewayProxyResponseEvent ok(JsonNode body) {
        return json(200, Json.write(body), Map.of());
    }

    public APIGatewayProxyResponseEvent preflight(List<String> methods) {
        Map<String, String> extra = Map.of("Access-Control-Allow-Methods", String.join(",", methods) + ",OPTIONS",
                "Access-Control-Max-Age", "600");
        return json(204, null, extra);
    }

    public APIGatewayProxyResponseEvent error(ErrorCode code, String message, String field,
            List<Violation> violations) {
        return error(code, message, field, violations, Map.of());
    }

    /** {@code {"code", "message", "field"}}, plus every violation found for a refused body. */
    public APIGatewayProxyResponseEvent error(ErrorCode code, String message, String field,
            List<Violation> violations, Map<String, String> headers) {
        ObjectNode body = Json.object()
                .put("code", code.name())
                .put("message", message)
                .put("field", field == null || field.isEmpty() ? null : field);
        if (!violations.isEmpty()) {
            ArrayNode list = body.putArray("violations");
            for (Violation violation : violations) {
                list.addObject()
                        .put("field", violation.field().isEmpty() ? null : violation.field())
                        .put("rule", violation.rule())
                        .put("message", violation.message());
            }
        }
        return json(status(code), Json.write(body), headers);
    }

    /** The HTTP status of each error: the one place domain errors become statuses. */
    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST_BODY, INVALID_PATH_PARAMETER, INVALID_QUERY_PARAMETER, UNSUPPORTED_TEST_TYPE,
                 SCHEDULING_NOT_AVAILABLE, NO_BASELINE_SET, SCRIPT_NOT_UPLOADED, INVALID_SCRIPT -> 400;
            case TEST_NOT_FOUND, TESTRUN_NOT_FOUND, NOT_FOUND -> 404;
            case SIGN_IN_REJECTED -> 403;
            case METHOD_NOT_ALLOWED -> 405;
            case TEST_RUNNING, TEST_NOT_RUNNING, BASELINE_CONFLICT, CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case WORKFLOW_START_FAILED, SCHEDULE_FAILED, LIVE_ACCESS_FAILED -> 503;
            case INTERNAL_ERROR -> 500;
        };
    }

    private APIGatewayProxyResponseEvent json(int status, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Access-Control-Allow-Origin", allowedOrigin);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        if (!"*".equals(allowedOrigin)) {
            headers.put("Vary", "Origin");
        }
        headers.putAll(extra);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(headers)
                .withIsBase64Encoded(false)
                .withBody(body);
    }
}
