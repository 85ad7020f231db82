package dlt.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.local.platform.LocalPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Least privilege that still works: every AWS call the functions make while a person uses dlt is allowed
 * by that function's own policy in template.yaml. The local platform runs the same handlers with the same
 * DynamoDB, S3 and IoT adapters (against DynamoDB Local, s3proxy and the IoT stand-in), so this drives it
 * through its API (runs, results, baselines, uploads, schedules, a cancel, deletes, live data), records
 * each SDK call with the function on its stack ({@link AwsCallRecorder}) and evaluates the call's IAM
 * action on its resource against the template. ECS, Step Functions, Lambda and Scheduler calls are not
 * made locally (local stand-ins replace those adapters); their adapters' requests are tested on their own.
 */
class PoliciesCoverCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The local platform's names for the template's tables and bucket (LocalPlatform's constants). */
    private static final Map<String, String> TABLES = Map.of("dlt-scenarios", "ScenariosTable",
            "dlt-test-runs", "HistoryTable");
    private static final Map<String, String> BUCKETS = Map.of("dlt-scenarios", "ScenariosBucket");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    record Access(String function, String action, String resource) {
    }

    @Test
    void everyCallAFunctionMakes_isAllowedByItsOwnPolicy() throws Exception {
        SamTemplate template = SamTemplate.load("template.yaml");
        Map<String, String> functionsByPackage = functionsByPackage(template);
        AwsCallRecorder.clear();
        // the workers run on this JVM's classpath, whose every entry the launcher checks; this module has no
        // main code, so Maven never makes its classes folder
        Files.createDirectories(SamTemplate.DIR.resolve("target/classes"));
        LocalPlatform platform = LocalPlatform.start(LocalPlatform.Settings.defaults(dir).withPorts(0, 0, 0)
                .withRegions(List.of("us-east-1"), 4).withWorkerJvmOptions(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")),
                AwsCallRecorder::watching);
        try {
            useEveryRoute(platform);
        } finally {
            platform.close();
        }

        List<Access> accesses = new ArrayList<>();
        for (AwsCallRecorder.Call call : AwsCallRecorder.calls()) {
            String function = functionOf(call, functionsByPackage);
            if (function != null) {
                accesses.addAll(accessesOf(function, call));
            }
        }
        Set<String> functions = new TreeSet<>();
        accesses.forEach(a -> functions.add(a.function()));
        // the run went through the API, the state machine's functions and the live-data publisher
        assertThat(functions).contains("ApiFunction", "TaskRunnerFunction", "TaskStatusCheckerFunction",
                "ResultsParserFunction", "TaskCancelerFunction", "RealTimeDataPublisherFunction");
        assertThat(accesses).extracting(Access::action).contains("dynamodb:Query", "dynamodb:UpdateItem", "s3:PutObject",
                "s3:GetObject", "s3:ListBucket", "iot:Publish");

        Map<String, FunctionPolicies> policies = new LinkedHashMap<>();
        Set<String> denied = new TreeSet<>();
        Set<String> allowed = new TreeSet<>();
        for (Access access : accesses) {
            FunctionPolicies policy = policies.computeIfAbsent(access.function(), f -> new FunctionPolicies(template, f));
            String line = access.function() + ": " + access.action() + " on " + access.resource();
            (policy.allows(access.action(), access.resource()) ? allowed : denied).add(line);
        }
        Map<String, Long> perFunction = new TreeMap<>();
        accesses.forEach(a -> perFunction.merge(a.function(), 1L, Long::sum));
        System.out.println("[policies] " + accesses.size() + " AWS calls checked against template.yaml: " + perFunction);
        assertThat(denied).as("calls the functions make that their policies in template.yaml do not allow").isEmpty();
    }

    /** A function's handler package (from its Handler) identifies the calls it makes. */
    private static Map<String, String> functionsByPackage(SamTemplate template) {
        Map<String, String> byPackage = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            String handler = String.valueOf(SamTemplate.properties(resource).get("Handler"));
            String type = handler.substring(0, handler.indexOf("::"));
            byPackage.put(type.substring(0, type.lastIndexOf('.')), id);
        });
        return byPackage;
    }

    /** The innermost handler package on the caller's stack, or null for the platform's own calls (setting up). */
    private static String functionOf(AwsCallRecorder.Call call, Map<String, String> functionsByPackage) {
        for (String caller : call.callers()) {
            String pkg = caller.substring(0, caller.lastIndexOf('.'));
            for (Map.Entry<String, String> entry : functionsByPackage.entrySet()) {
                if (pkg.equals(entry.getKey()) || pkg.startsWith(entry.getKey() + ".")) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /** The IAM actions and resources AWS authorises a call on (the Service Authorization Reference's mapping). */
    private static List<Access> accessesOf(String function, AwsCallRecorder.Call call) {
        SdkRequest request = call.request();
        String op = call.operation();
        return switch (call.service().toLowerCase(Locale.ROOT)) {
            case "dynamodb" -> {
                List<String> tables = new ArrayList<>();
                field(request, "TableName").ifPresent(tables::add);
                request.getValueForField("RequestItems", Map.class).ifPresent(items ->
                        items.keySet().forEach(t -> tables.add(String.valueOf(t))));
                assertThat(tables).as("the tables of DynamoDB " + op).isNotEmpty();
                String index = field(request, "IndexName").map(i -> "/index/" + i).orElse("");
                yield tables.stream().map(t -> new Access(function, "dynamodb:" + op,
                        FunctionPolicies.tableArn(known(TABLES, t, "table")) + index)).toList();
            }
            case "s3" -> {
                String bucket = known(BUCKETS, field(request, "Bucket").orElseThrow(), "bucket");
                String bucketArn = FunctionPolicies.bucketArn(bucket);
                yield switch (op) {
                    case "GetObject", "HeadObject" -> List.of(new Access(function, "s3:GetObject",
                            bucketArn + "/" + field(request, "Key").orElseThrow()));
                    case "PutObject" -> List.of(new Access(function, "s3:PutObject",
                            bucketArn + "/" + field(request, "Key").orElseThrow()));
                    case "DeleteObject" -> List.of(new Access(function, "s3:DeleteObject",
                            bucketArn + "/" + field(request, "Key").orElseThrow()));
                    case "DeleteObjects" -> request.getValueForField("Delete", Delete.class).orElseThrow().objects()
                            .stream().map(ObjectIdentifier::key)
                            .map(key -> new Access(function, "s3:DeleteObject", bucketArn + "/" + key)).toList();
                    case "ListObjectsV2", "ListObjects", "HeadBucket" -> List.of(new Access(function, "s3:ListBucket",
                            bucketArn));
                    default -> throw new AssertionError("S3 " + op + " by " + function
                            + ": add its IAM action to this test");
                };
            }
            case "iotdataplane" -> {
                assertThat(op).isEqualTo("Publish");
                yield List.of(new Access(function, "iot:Publish", "arn:aws:iot:" + FunctionPolicies.REGION + ":"
                        + FunctionPolicies.ACCOUNT + ":topic/" + field(request, "topic").orElseThrow()));
            }
            default -> throw new AssertionError(call.service() + " " + op + " by " + function
                    + ": add its IAM action to this test");
        };
    }

    private static Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class);
    }

    private static String known(Map<String, String> names, String local, String what) {
        String logicalId = names.get(local);
        assertThat(logicalId).as("the template's " + what + " for the local " + local).isNotNull();
        return logicalId;
    }

    // ------------------------------------------------------------ what a person does

    private void useEveryRoute(LocalPlatform platform) throws Exception {
        String target = platform.sampleTarget() + "/fast";
        JsonNode created = ok(platform, "POST", "/scenarios", """
                {"testName": "policies", "testDescription": "every route", "testType": "simple", "showLive": true,
                 "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                 "testScenario": {"execution": [{"ramp-up": "0s", "hold-for": "3s", "scenario": "main"}],
                   "scenarios": {"main": {"requests": [{"url": "%s", "method": "GET"}]}}}}
                """.formatted(target));
        String testId = created.path("testId").asText();
        String first = created.path("testRunId").asText();
        awaitStatus(platform, testId, "complete");

        ok(platform, "GET", "/scenarios", null);
        ok(platform, "GET", "/scenarios?op=listRegions", null);
        ok(platform, "GET", "/scenarios/" + testId, null);
        ok(platform, "GET", "/scenarios/" + testId + "/testruns", null);
        ok(platform, "GET", "/scenarios/" + testId + "/testruns/" + first, null);
        ok(platform, "GET", "/scenarios/" + testId + "/testruns/" + first + "/artifacts", null);
        ok(platform, "PUT", "/scenarios/" + testId + "/baseline", "{\"testRunId\": \"" + first + "\"}");
        ok(platform, "GET", "/scenarios/" + testId + "/baseline", null);
        ok(platform, "POST", "/scenarios/" + testId + "/upload-url", "{\"fileName\": \"plan.jmx\", \"testType\": \"jmeter\"}");
        ok(platform, "GET", "/tasks", null);
        ok(platform, "GET", "/regions", null);
        ok(platform, "GET", "/vCPUDetails", null);
        ok(platform, "GET", "/stack-info", null);
        ok(platform, "POST", "/schedule-preview", "{\"scheduleDate\": \"2030-01-01\", \"scheduleTime\": \"10:00\"}");
        ok(platform, "POST", "/live-access", null);

        // a second run of the same test, compared with the baseline, then one that is cancelled
        JsonNode again = ok(platform, "POST", "/scenarios", rerun(platform, testId));
        String second = again.path("testRunId").asText();
        awaitStatus(platform, testId, "complete");
        ok(platform, "GET", "/scenarios/" + testId + "/testruns/" + second + "/compare", null);
        ok(platform, "POST", "/scenarios", rerun(platform, testId).replace("\"3s\"", "\"60s\""));
        awaitStatus(platform, testId, "running");
        ok(platform, "POST", "/scenarios/" + testId, null);
        awaitStatus(platform, testId, "cancelled");

        // a schedule, then everything deleted
        ok(platform, "POST", "/scenarios", rerun(platform, testId).replace("\"showLive\"",
                "\"scheduleDate\": \"2030-01-01\", \"scheduleTime\": \"10:00\", \"showLive\""));
        ok(platform, "DELETE", "/scenarios/" + testId + "/baseline", null);
        ok(platform, "DELETE", "/scenarios/" + testId + "/testruns", "[\"" + first + "\"]");
        ok(platform, "DELETE", "/scenarios/" + testId, null);
    }

    /** The stored scenario, posted again under its id (a new run of the same test). */
    private String rerun(LocalPlatform platform, String testId) throws Exception {
        JsonNode details = ok(platform, "GET", "/scenarios/" + testId + "?history=false", null);
        return """
                {"testId": "%s", "testName": "policies", "testDescription": "every route", "testType": "simple",
                 "showLive": true, "testTaskConfigs": [{"region": "us-east-1", "taskCount": 2, "concurrency": 2}],
                 "testScenario": %s}
                """.formatted(testId, details.path("testScenario").toString());
    }

    private void awaitStatus(LocalPlatform platform, String testId, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode details = null;
        while (Instant.now().isBefore(deadline)) {
            details = ok(platform, "GET", "/scenarios/" + testId + "?history=false", null);
            if (status.equals(details.path("status").asText())) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("test " + testId + " did not become " + status + ": " + details);
    }

    private JsonNode ok(LocalPlatform platform, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
