package dlt.api.http;

import dlt.api.usecase.ApiException;
import dlt.api.usecase.ErrorCode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A routed request: its endpoint, raw path parameters, query, decoded body (null when none) and
 * Authorization header (null when none; API Gateway's authorizer has already checked it).
 */
public record ApiRequest(Endpoint endpoint, Map<String, String> pathParameters, QueryParameters query,
                         String body, String authorization) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** A test or run id from the path: 1 to 128 letters, digits or hyphens, so no traversal gets through. */
    public String id(String name) {
        String value = pathParameters.get(name);
        if (value == null || !ID.matcher(value).matches()) {
            throw new ApiException(ErrorCode.INVALID_PATH_PARAMETER, name,
                    name + " must be 1 to 128 letters, digits or hyphens");
        }
        return value;
    }

    /** A test id; {@code region-...} ids name the regions' rows of the scenarios table, never a test. */
    public String testId() {
        String testId = id("testId");
        if (testId.startsWith("region-")) {
            throw new ApiException(ErrorCode.INVALID_PATH_PARAMETER, "testId",
                    "testId must not start with region-, which names a region's resources");
        }
        return testId;
    }

    public String testRunId() {
        return id("testRunId");
    }
}
