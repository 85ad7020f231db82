package dlt.infrastructure;

import static dlt.infrastructure.SamTemplate.map;
import static dlt.infrastructure.SamTemplate.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dlt.aws.AwsStubServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function as Lambda starts it, each in a fresh JVM on its own shaded jar with the template's
 * environment and AWS replaced by a recording stub: the no-argument constructor succeeds (the environment
 * covers the handler's configuration), no field holds a random generator, a time or a timestamp taken at
 * init (they would be shared by every sandbox restored from one SnapStart snapshot), the handler has a
 * priming pass, and that pass writes nothing to AWS. The timings go to target/handler-init.txt (bench/).
 */
class SnapshotSafetyTest {

    /** What a priming pass may ask AWS: reads only. */
    static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "DescribeImages", "ListTasks",
            "DescribeTasks", "DescribeTaskDefinition", "ListClusters", "GetServiceQuota", "GetAWSDefaultServiceQuota");

    static SamTemplate template;
    static AwsStubServer aws;

    @BeforeAll
    static void start() throws IOException {
        template = SamTemplate.load("template.yaml");
        aws = AwsStubServer.start()
                .on("GetItem", AwsStubServer.Reply.ok("{}"))
                .on("Query", AwsStubServer.Reply.ok("{\"Items\":[],\"Count\":0}"))
                .on("Scan", AwsStubServer.Reply.ok("{\"Items\":[],\"Count\":0}"));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void everyHandler_startsFromTheTemplatesEnvironment_primesWithoutWrites_andKeepsNothingTimeOrRandomFromInit()
            throws Exception {
        List<String> report = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int runs = Integer.getInteger("dlt.init.runs", 1);
        for (Map.Entry<String, Map<String, Object>> function : template.resourcesOfType(TemplateTest.FUNCTION).entrySet()) {
            Map<String, Object> props = properties(function.getValue());
            String handler = String.valueOf(props.get("Handler")).split("::")[0];
            Path jar = SamTemplate.DIR.resolve(String.valueOf(props.get("CodeUri"))).normalize();
            List<Long> inits = new ArrayList<>();
            List<Long> firsts = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                int before = aws.calls().size();
                Result result = start(handler, jar, environment(props));
                assertThat(result.exit).as(handler + " output:\n" + result.output).isZero();
                String[] lines = result.output.strip().split("\n");
                String[] times = lines[lines.length - countProblems(lines) - 1].split(" ");
                inits.add(Long.parseLong(times[0]));
                firsts.add(Long.parseLong(times[1]));
                for (String line : lines) {
                    if (line.startsWith("problem: ")) {
                        problems.add(function.getKey() + ": " + line.substring(9));
                    }
                }
                for (AwsStubServer.Call call : aws.calls().subList(before, aws.calls().size())) {
                    String operation = call.target() != null ? call.target().substring(call.target().indexOf('.') + 1)
                            : call.method() + " " + call.path();
                    if (!READS.contains(operation) && !call.method().equals("GET") && !call.method().equals("HEAD")) {
                        problems.add(function.getKey() + ": the priming pass called " + operation);
                    }
                }
            }
            report.add(String.format("%-30s jar %5.1f MB  init %5d ms  first invocation %5d ms  (median of %d)",
                    function.getKey(), Files.size(jar) / 1e6, median(inits), median(firsts), runs));
        }
        Files.write(Path.of("target", "handler-init.txt"), report, StandardCharsets.UTF_8);
        assertThat(problems).isEmpty();
        assertThat(report).hasSize(8);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int countProblems(String[] lines) {
        int n = 0;
        for (String line : lines) {
            n += line.startsWith("problem: ") ? 1 : 0;
        }
        return n;
    }

    /** The function's variables with intrinsic values resolved to stand-ins, plus what Lambda sets itself. */
    static Map<String, String> environment(Map<String, Object> props) {
        Map<String, String> env = new HashMap<>();
        map(map(props.get("Environment")).get("Variables")).forEach((name, value) ->
                env.put(name, value instanceof String s ? s : standIn(name)));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("DLT_AWS_ENDPOINT", aws.endpoint().toString());
        env.put("DLT_AWS_ACCESS_KEY_ID", "snapshot-test");
        env.put("DLT_AWS_SECRET_ACCESS_KEY", "snapshot-test");
        // clients built outside AwsClients (the custom resource's IoT and scheduler) use the default chain
        env.put("AWS_ACCESS_KEY_ID", "snapshot-test");
        env.put("AWS_SECRET_ACCESS_KEY", "snapshot-test");
        return env;
    }

    private static String standIn(String variable) {
        return switch (variable) {
            case "LOAD_TESTER_IMAGE" -> "123456789012.dkr.ecr.us-east-1.amazonaws.com/dlt-load-tester:latest";
            case "IOT_ENDPOINT" -> aws.endpoint().toString();
            case "STATE_MACHINE_ARN" -> "arn:aws:states:us-east-1:123456789012:stateMachine:dlt";
            case "TASK_CANCELER_ARN" -> "arn:aws:lambda:us-east-1:123456789012:function:dlt-canceler:live";
            case "SCHEDULER_ROLE_ARN" -> "arn:aws:iam::123456789012:role/dlt-scheduler";
            case "SCHEDULER_TARGET_ARN" -> "arn:aws:lambda:us-east-1:123456789012:function:dlt-api:live";
            case "CORS_ALLOWED_ORIGIN" -> "https://d111111abcdef8.cloudfront.net";
            default -> "dlt-" + variable.toLowerCase().replace('_', '-');
        };
    }

    record Result(int exit, String output) {
    }

    static Result start(String handler, Path jar, Map<String, String> env) throws Exception {
        Path tests;
        try {
            tests = Path.of(HandlerInit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", jar + java.io.File.pathSeparator + tests, HandlerInit.class.getName(), handler)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(handler + " did not start within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
