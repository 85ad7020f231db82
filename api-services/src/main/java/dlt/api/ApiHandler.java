package dlt.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dlt.api.http.ApiRequest;
import dlt.api.http.Bodies;
import dlt.api.http.Endpoint;
import dlt.api.http.QueryParameters;
import dlt.api.http.Responses;
import dlt.api.http.Router;
import dlt.api.http.RunViews;
import dlt.api.http.ScenarioViews;
import dlt.api.usecase.ApiException;
import dlt.api.usecase.ErrorCode;
import dlt.api.usecase.RunScheduledScenario;
import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.TestRunRepository.RunQuery;
import dlt.core.validation.ValidationException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST API behind API Gateway (REST proxy events): routes a request, maps it to one use case
 * and maps the result, or the error, to DLT's JSON. The only place errors become HTTP statuses;
 * nothing internal (stack traces, SDK messages) ever reaches a caller.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final ScenarioApi api;
    private final Router router = new Router();
    private final Responses responses;

    /** For tests and the local platform. */
    public ApiHandler(ScenarioApi api) {
        this.api = api;
        this.responses = new Responses(api.settings().corsAllowedOrigin());
    }

    /** For the Lambda runtime: AWS adapters wired from the environment, once. */
    public ApiHandler() {
        this(AwsComposition.scenarioApi(ApiSettings.fromEnvironment()));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String method = event == null || event.getHttpMethod() == null ? "" : event.getHttpMethod();
        try {
            if (event == null) {
                throw new ApiException(ErrorCode.NOT_FOUND, null, "no request");
            }
            Router.Resolution resolution = resolve(event);
            if (resolution instanceof Router.MethodNotAllowed notAllowed) {
                if ("OPTIONS".equalsIgnoreCase(method)) {
                    return responses.preflight(notAllowed.allowed());
                }
                return responses.error(ErrorCode.METHOD_NOT_ALLOWED,
                        method + " is not allowed here; use " + String.join(", ", notAllowed.allowed()), null,
                        List.of(), Map.of("Allow", String.join(", ", notAllowed.allowed())));
            }
            if (!(resolution instanceof Router.Found found)) {
                throw new ApiException(ErrorCode.NOT_FOUND, null, "no such route: " + method + " " + pathOf(event));
            }
            QueryParameters query = QueryParameters.of(event.getQueryStringParameters(),
                    event.getMultiValueQueryStringParameters());
            String body = Bodies.decode(event.getBody(), event.getIsBase64Encoded());
            return responses.ok(dispatch(new ApiRequest(found.endpoint(), found.pathParameters(), query, body,
                    authorizationOf(event))));
        } catch (ApiException e) {
            return responses.error(e.code(), e.getMessage(), e.field(), e.violations());
        } catch (ValidationException e) {
            String field = e.violations().get(0).field();
            return responses.error(ErrorCode.INVALID_REQUEST_BODY, e.getMessage(), field, e.violations());
        } catch (NotFoundException e) {
            return responses.error(ErrorCode.NOT_FOUND, "the test or run no longer exists", null, List.of());
        } catch (ConflictException e) {
            return responses.error(ErrorCode.CONFLICT, "the test changed while this request ran; try again", null,
                    List.of());
        } catch (RuntimeException e) {
            String requestId = context == null ? "-" : context.getAwsRequestId();
            LOG.log(Level.ERROR, "request " + requestId + " (" + method + " " + pathOf(event) + ") failed", e);
            return responses.error(ErrorCode.INTERNAL_ERROR,
                    "the request could not be completed; it was logged as " + requestId, null, List.of());
        }
    }

    /**
     * A schedule fired ({@link ApiFunction} on Lambda, the local scheduler locally). Never throws: the
     * outcome says what happened, and a failure is logged, as there is no caller to show it to.
     */
    public RunScheduledScenario.Result handleScheduledRun(ScheduledRunEvent event) {
        try {
            RunScheduledScenario.Result result = event.missed().isEmpty()
                    ? api.scheduledRuns().run(event.testId(), event.scheduledTime())
                    : api.scheduledRuns().missed(event.testId(), event.missed());
            LOG.log(Level.INFO, "schedule of test " + event.testId() + ": " + result.outcome() + ", " + result.message());
            return result;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the scheduled run of test " + event.testId() + " failed", e);
            return new RunScheduledScenario.Result(RunScheduledScenario.Outcome.NOT_STARTED, null,
                    "the scheduled run could not be started; see the function's log");
        }
    }

    private JsonNode dispatch(ApiRequest request) {
        QueryParameters query = request.query();
        Endpoint endpoint = request.endpoint();
        if (endpoint != Endpoint.LIST_TEST_RUNS && endpoint != Endpoint.LIST_SCENARIOS
                && endpoint != Endpoint.GET_SCENARIO && endpoint != Endpoint.GET_BASELINE) {
            query.allowOnly();
        }
        return switch (endpoint) {
            case LIST_SCENARIOS -> {
                query.allowOnly("tags", "op");
                if ("listRegions".equals(query.text("op", "listRegions", "must be listRegions"))) {
                    yield ScenarioViews.regions(api.capacity().regions(), api.settings());
                }
                yield ScenarioViews.scenarios(api.queries().list(query.list("tags")));
            }
            case CREATE_SCENARIO -> ScenarioViews.created(api.create().create(Bodies.scenario(request.body())));
            case GET_SCENARIO -> {
                query.allowOnly("history", "latest");
                boolean latest = query.bool("latest", true);
                yield ScenarioViews.details(api.queries().get(request.testId(), query.bool("history", true), latest), latest);
            }
            case CANCEL_SCENARIO -> ScenarioViews.cancelled(api.cancel().cancel(request.testId()));
            case DELETE_SCENARIO -> {
                String testId = request.testId();
                api.delete().delete(testId);
                yield ScenarioViews.deleted(testId);
            }
            case LIST_TEST_RUNS -> listRuns(request);
            case DELETE_TEST_RUNS -> {
                String testId = request.testId();
                yield RunViews.deletedRuns(api.testRuns().delete(testId, Bodies.runIds(request.body())));
            }
            case GET_TEST_RUN -> RunViews.run(api.testRuns().get(request.testId(), request.testRunId()));
            case COMPARE_TEST_RUN -> RunViews.comparison(api.compare().compare(request.testId(), request.testRunId()));
            case TEST_RUN_ARTIFACTS -> RunViews.artifacts(api.artifacts().list(request.testId(), request.testRunId()));
            case GET_BASELINE -> {
                query.allowOnly("data");
                boolean data = query.bool("data", true);
                yield RunViews.baseline(api.baseline().get(request.testId(), data), data);
            }
            case PUT_BASELINE -> {
                String testId = request.testId();
                yield RunViews.baselineSet(api.baseline().put(testId, Bodies.baselineRunId(request.body())));
            }
            case DELETE_BASELINE -> RunViews.baselineCleared(api.baseline().clear(request.testId()));
            case UPLOAD_URL -> {
                String testId = request.testId();
                Bodies.Upload upload = Bodies.upload(request.body());
                yield ScenarioViews.upload(api.uploadUrl().presign(testId, upload.fileName(), upload.testType()));
            }
            case TASKS -> ScenarioViews.tasks(api.capacity().tasks());
            case REGIONS -> ScenarioViews.regions(api.capacity().regions(), api.settings());
            case VCPU_DETAILS -> ScenarioViews.vCpuDetails(api.capacity().vCpuDetails());
            case STACK_INFO -> ScenarioViews.stackInfo(api.settings());
            case LIVE_ACCESS -> ScenarioViews.liveAccess(api.liveData().grant(request.authorization()));
            case SCHEDULE_PREVIEW -> {
                Bodies.SchedulePreview preview = Bodies.schedulePreview(request.body());
                yield ScenarioViews.schedule(api.queries().preview(preview.schedule(), preview.testDuration()));
            }
        };
    }

    private JsonNode listRuns(ApiRequest request) {
        QueryParameters query = request.query()
                .allowOnly("limit", "start_timestamp", "end_timestamp", "latest", "next_token");
        String testId = request.testId();
        int limit = query.integer("limit", 1, 100, 20);
        Instant from = query.instant("start_timestamp");
        Instant to = query.instant("end_timestamp");
        if (from != null && to != null && from.isAfter(to)) {
            throw QueryParameters.invalid("start_timestamp", "must not be after end_timestamp");
        }
        boolean latest = query.bool("latest", false);
        String token = query.text("next_token", "[A-Za-z0-9+/=_-]{1,4096}", "must be the next_token of a previous page");
        return RunViews.page(api.testRuns().list(testId, new RunQuery(limit, from, to, token), latest));
    }

    /**
     * API Gateway names the matched template in {@code resource} and gives the raw values in
     * {@code pathParameters}; other callers (the local platform) give only the {@code path}.
     */
    private Router.Resolution resolve(APIGatewayProxyRequestEvent event) {
        String resource = event.getResource();
        Map<String, String> given = event.getPathParameters();
        if (resource != null && router.isTemplate(resource)) {
            Router.Resolution resolution = router.resolve(event.getHttpMethod(), resource);
            if (resolution instanceof Router.Found found) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (String name : found.pathParameters().keySet()) {
                    parameters.put(name, given == null || given.get(name) == null ? "" : given.get(name));
                }
                return new Router.Found(found.endpoint(), parameters);
            }
            return resolution;
        }
        return router.resolve(event.getHttpMethod(), event.getPath());
    }

    /** Header names are case-insensitive; API Gateway passes them as the client sent them. */
    private static String authorizationOf(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(header -> "Authorization".equalsIgnoreCase(header.getKey()))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String pathOf(APIGatewayProxyRequestEvent event) {
        if (event == null || event.getPath() == null) {
            return "";
        }
        String path = event.getPath();
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }
}
