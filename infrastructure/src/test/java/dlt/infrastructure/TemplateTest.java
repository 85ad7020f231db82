package dlt.infrastructure;

import static dlt.infrastructure.SamTemplate.list;
import static dlt.infrastructure.SamTemplate.map;
import static dlt.infrastructure.SamTemplate.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.api.ApiSettings;
import dlt.api.http.Endpoint;
import dlt.aws.AwsSettings;
import dlt.ecrchecker.EcrImageCheck;
import dlt.livedata.LiveDataSettings;
import dlt.taskrunner.RunnerSettings;
import dlt.taskstatuschecker.CheckerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main SAM template (infrastructure/template.yaml) checked offline: what SAM and the handlers need,
 * which the CloudFormation specification check (check-templates.js) cannot know.
 */
class TemplateTest {

    static final String FUNCTION = "AWS::Serverless::Function";
    /** SAM's documented properties (AWS::Serverless::Function, ::Api, ::StateMachine) that this project may use. */
    static final Map<String, Set<String>> SAM_PROPERTIES = Map.of(
            FUNCTION, Set.of("FunctionName", "Description", "CodeUri", "Handler", "Runtime", "MemorySize", "Timeout",
                    "Environment", "Policies", "Events", "Architectures", "SnapStart", "AutoPublishAlias", "Tracing",
                    "Role", "ReservedConcurrentExecutions", "Layers", "VpcConfig", "DeadLetterQueue", "Tags",
                    "EphemeralStorage", "LoggingConfig"),
            "AWS::Serverless::Api", Set.of("StageName", "EndpointConfiguration", "TracingEnabled", "MethodSettings",
                    "Cors", "Auth", "GatewayResponses", "Name", "Description", "AccessLogSetting", "Tags"),
            "AWS::Serverless::StateMachine", Set.of("DefinitionUri", "Definition", "DefinitionSubstitutions",
                    "Logging", "Tracing", "Policies", "Role", "Type", "Name", "Events", "Tags"));
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::Region", "AWS::StackName",
            "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    /**
     * Actions that may have no named resource: AWS authorises them on {@code *} only (no resource type), or on no
     * resource dlt has (ecs:ListTasks: a container instance, limited by an ecs:cluster condition instead;
     * iot:DetachPolicy: its targets, Cognito identities, have no ARN). check-iam.js checks this against AWS's
     * Service Authorization Reference.
     */
    static final Set<String> RESOURCELESS_ACTIONS = Set.of("ecs:ListClusters", "ecs:ListTasks",
            "ecs:DescribeTaskDefinition", "ecr:GetAuthorizationToken", "iot:DescribeEndpoint",
            "scheduler:ListSchedules", "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
            "servicequotas:GetAWSDefaultServiceQuota",
            // a Cognito identity has no IAM resource type (AttachPolicy and DetachPolicy name only cert and thinggroup)
            "cognito-identity:GetId", "iot:AttachPolicy", "iot:DetachPolicy");
    /** Services holding dlt's data: their actions always name the resources. */
    static final Set<String> DATA_SERVICES = Set.of("dynamodb", "s3", "states", "lambda", "iot", "scheduler", "iam");

    static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load("template.yaml");
    }

    static Map<String, Map<String, Object>> functions() {
        return template.resourcesOfType(FUNCTION);
    }

    @Test
    void globals_everyFunctionIsJava21WithSnapStartOnAPublishedAlias() {
        Map<String, Object> globals = map(template.section("Globals").get("Function"));
        assertThat(globals.get("Runtime")).isEqualTo("java21");
        assertThat(map(globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(list(globals.get("Architectures"))).containsExactly(Map.of("Ref", "Architecture"));
        assertThat(list(map(template.section("Parameters").get("Architecture")).get("AllowedValues")))
                .containsExactlyInAnyOrder("x86_64", "arm64");
        functions().forEach((id, f) -> assertThat(properties(f)).as(id)
                .doesNotContainKeys("Runtime", "SnapStart", "AutoPublishAlias").containsKeys("MemorySize", "Timeout"));
    }

    @Test
    void samResources_useOnlyPropertiesSamKnows() {
        SAM_PROPERTIES.forEach((type, allowed) -> template.resourcesOfType(type).forEach((id, resource) ->
                assertThat(allowed).as(id + " (" + type + ") properties").containsAll(properties(resource).keySet())));
    }

    @Test
    void everyFunction_isOneHandlerModulesShadedJar_andItsHandlerClassIsInIt() throws IOException {
        Set<String> modules = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> f : functions().entrySet()) {
            Map<String, Object> props = properties(f.getValue());
            String codeUri = (String) props.get("CodeUri");
            Matcher m = Pattern.compile("\\.\\./([a-z-]+)/target/\\1-lambda\\.jar").matcher(codeUri);
            assertThat(m.matches()).as(f.getKey() + " CodeUri " + codeUri).isTrue();
            modules.add(m.group(1));
            Path jar = SamTemplate.DIR.resolve(codeUri).normalize();
            assertThat(jar).as("built by ./dlt build").exists();
            String handler = (String) props.get("Handler");
            assertThat(handler).as(f.getKey()).endsWith("::handleRequest");
            String className = handler.substring(0, handler.indexOf("::"));
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry(className.replace('.', '/') + ".class")).as(className + " in " + jar).isNotNull();
                // the jar runs alone on Lambda: its dependencies are inside, and only the URL-connection HTTP client
                assertThat(file.getEntry("software/amazon/awssdk/core/SdkClient.class")).as("SDK in " + jar).isNotNull();
                assertThat(file.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                        .isNotNull();
                assertThat(file.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
                assertThat(file.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")).isNull();
            }
        }
        assertThat(modules).containsExactlyInAnyOrder("api-services", "ecr-checker", "task-runner",
                "task-status-checker", "task-canceler", "results-parser", "real-time-data-publisher", "custom-resource");
    }

    @Test
    void everyRefGetAttAndSub_namesAResourceOrParameter() {
        Set<String> known = new TreeSet<>(template.resources().keySet());
        known.addAll(template.section("Parameters").keySet());
        known.addAll(PSEUDO_PARAMETERS);
        List<String> unknown = new ArrayList<>();
        for (String name : template.references()) {
            // SAM's generated alias and version of a function with AutoPublishAlias
            String base = name.endsWith(".Alias") || name.endsWith(".Version")
                    ? name.substring(0, name.lastIndexOf('.')) : name;
            if (!known.contains(base) || (!base.equals(name) && !functions().containsKey(base))) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("references to nothing").isEmpty();
        assertThat(template.references()).contains("TaskCancelerFunction.Alias", "ScenariosTable", "AWS::StackName");
    }

    @Test
    void stateMachine_substitutionsAreExactlyTheDefinitionsPlaceholders_andItLogsAndTraces() throws IOException {
        Map<String, Object> machine = properties(template.resourcesOfType("AWS::Serverless::StateMachine").get("StateMachine"));
        String definition = Files.readString(SamTemplate.DIR.resolve((String) machine.get("DefinitionUri")));
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(definition);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertThat(placeholders).isNotEmpty();
        assertThat(map(machine.get("DefinitionSubstitutions")).keySet()).containsExactlyInAnyOrderElementsOf(placeholders);
        // each task state calls a function's published alias (SnapStart runs only on published versions)
        map(machine.get("DefinitionSubstitutions")).values().forEach(v ->
                assertThat(String.valueOf(map(v).get("Ref"))).endsWith(".Alias"));
        assertThat(map(machine.get("Logging")).get("Level")).isNotNull();
        assertThat(map(machine.get("Tracing")).get("Enabled")).isEqualTo(true);
    }

    /** The variables a function gets, intrinsic values replaced by placeholders, plus what Lambda sets itself. */
    static Map<String, String> environment(String function) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        map(map(properties(functions().get(function)).get("Environment")).get("Variables")).forEach((k, v) ->
                env.put(k, v instanceof String s ? s : "https://resolved.example"));
        return env;
    }

    @Test
    void everyFunctionsEnvironment_coversItsHandlersConfiguration() {
        AwsSettings api = AwsSettings.fromEnvironment(environment("ApiFunction"));
        List.<Consumer<AwsSettings>>of(AwsSettings::scenariosTable, AwsSettings::historyTable,
                AwsSettings::scenariosBucket, AwsSettings::stateMachineArn, AwsSettings::taskCancelerArn)
                .forEach(required -> required.accept(api));
        // scheduled runs: the Lambda composition needs the scheduler's group, role and target
        ApiSettings.from(environment("ApiFunction")).requireScheduler();
        ApiSettings.from(environment("ApiFunction")).requireLiveAccess();

        for (String function : List.of("TaskRunnerFunction", "TaskStatusCheckerFunction", "ResultsParserFunction")) {
            AwsSettings aws = AwsSettings.fromEnvironment(environment(function));
            aws.scenariosTable();
            aws.historyTable();
            aws.scenariosBucket();
        }
        RunnerSettings.fromEnvironment(AwsSettings.fromEnvironment(environment("TaskRunnerFunction")),
                environment("TaskRunnerFunction"));
        CheckerSettings.fromEnvironment(environment("TaskStatusCheckerFunction"));
        AwsSettings canceler = AwsSettings.fromEnvironment(environment("TaskCancelerFunction"));
        canceler.scenariosTable();
        canceler.historyTable();
        assertThat(environment("EcrCheckerFunction")).containsKey(EcrImageCheck.IMAGE_VARIABLE);
        LiveDataSettings.fromEnvironment(environment("RealTimeDataPublisherFunction"));
        // the index the repositories query is the one the table has
        String index = environment("ApiFunction").get(AwsSettings.HISTORY_START_TIME_INDEX);
        assertThat(list(properties(map(template.resources().get("HistoryTable"))).get("GlobalSecondaryIndexes")))
                .extracting(i -> map(i).get("IndexName")).containsExactly(index);
    }

    @Test
    void schedulerTarget_isTheApiFunctionsAlias_andOnlyTheSchedulerRoleMayBePassedForIt() {
        Map<String, Object> api = properties(functions().get("ApiFunction"));
        String name = String.valueOf(map(api.get("FunctionName")).get("Fn::Sub"));
        Object target = map(map(api.get("Environment")).get("Variables")).get("SCHEDULER_TARGET_ARN");
        assertThat(String.valueOf(map(target).get("Fn::Sub"))).endsWith(":function:" + name + ":live");
        Map<String, Object> role = properties(map(template.resources().get("SchedulerRole")));
        List<Map<String, Object>> statements = statementsOf(role);
        assertThat(statements).hasSize(1);
        assertThat(actions(statements.get(0))).containsExactly("lambda:InvokeFunction");
        assertThat(statements.get(0).get("Resource")).isEqualTo(target);
    }

    @Test
    void apiRoutes_areExactlyTheHandlersEndpoints_behindTheCognitoAuthorizer() {
        Set<String> routes = new TreeSet<>();
        map(properties(functions().get("ApiFunction")).get("Events")).values().forEach(e -> {
            Map<String, Object> event = map(e);
            assertThat(event.get("Type")).isEqualTo("Api");
            Map<String, Object> p = map(event.get("Properties"));
            assertThat(p).doesNotContainKey("Auth"); // no route opts out of the default authorizer
            routes.add(p.get("Method") + " " + p.get("Path"));
        });
        Set<String> endpoints = new TreeSet<>();
        for (Endpoint endpoint : Endpoint.values()) {
            endpoints.add(endpoint.method() + " " + endpoint.template());
        }
        assertThat(routes).isEqualTo(endpoints);
        Map<String, Object> auth = map(properties(template.resourcesOfType("AWS::Serverless::Api").get("Api")).get("Auth"));
        assertThat(auth.get("DefaultAuthorizer")).isEqualTo("CognitoAuthorizer");
        assertThat(map(map(auth.get("Authorizers")).get("CognitoAuthorizer"))).containsKey("UserPoolArn");
    }

    @Test
    void policies_haveNoWildcardActions_andNameTheirDataResources() {
        assertThat(policyProblems(allowStatements())).isEmpty();
    }

    static List<String> policyProblems(Map<String, Map<String, Object>> statements) {
        List<String> problems = new ArrayList<>();
        statements.forEach((where, statement) -> {
            for (String action : actions(statement)) {
                if (action.contains("*")) {
                    problems.add(where + ": wildcard action " + action);
                }
                boolean anyResource = list(statement.get("Resource")).stream().anyMatch("*"::equals);
                if (anyResource && !RESOURCELESS_ACTIONS.contains(action)
                        && DATA_SERVICES.contains(action.substring(0, action.indexOf(':')))) {
                    problems.add(where + ": " + action + " on every resource");
                }
                if (anyResource && !RESOURCELESS_ACTIONS.contains(action)) {
                    problems.add(where + ": " + action + " on * although it can name a resource");
                }
            }
        });
        return problems;
    }

    @Test
    void whoReadsRunFiles_mayListTheBucket_soAMissingKeyIs404Not403() {
        assertThat(readersWithoutListing(template)).isEmpty();
    }

    /** Resources that may GetObject in a bucket but not ListBucket it (unconditionally): S3 then answers 403 for a missing key. */
    static List<String> readersWithoutListing(SamTemplate template) {
        Map<String, List<Map<String, Object>>> byResource = new LinkedHashMap<>();
        allowStatements(template).forEach((where, statement) ->
                byResource.computeIfAbsent(where.substring(0, where.indexOf('#')), k -> new ArrayList<>()).add(statement));
        List<String> missing = new ArrayList<>();
        byResource.forEach((resource, statements) -> {
            boolean reads = statements.stream().anyMatch(st -> actions(st).contains("s3:GetObject"));
            boolean lists = statements.stream().anyMatch(st -> actions(st).contains("s3:ListBucket")
                    && !st.containsKey("Condition"));
            if (reads && !lists) {
                missing.add(resource);
            }
        });
        return missing;
    }

    @Test
    void passRoleAndRunTask_areLimitedToTheWorkersAndTheScheduler() {
        allowStatements().forEach((where, statement) -> {
            List<String> actions = actions(statement);
            String resources = String.valueOf(statement.get("Resource"));
            if (actions.contains("iam:PassRole")) {
                assertThat(resources).as(where).matches(".*(role/dlt/\\$\\{AWS::StackName}/\\*|SchedulerRole).*");
            }
            if (actions.contains("ecs:RunTask")) {
                assertThat(resources).as(where).contains("task-definition/${AWS::StackName}-load-tester:*");
                assertThat(properties(map(template.resources().get("TaskDefinition"))).get("Family"))
                        .isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-load-tester"));
            }
        });
        assertThat(properties(map(template.resources().get("TaskRole"))).get("Path"))
                .isEqualTo(Map.of("Fn::Sub", "/dlt/${AWS::StackName}/"));
    }

    @Test
    void dataAtRest_isEncryptedVersionedPrivateAndTlsOnly() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            Map<String, Object> p = properties(table);
            assertThat(p.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
            assertThat(map(p.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
        });
        Map<String, Map<String, Object>> buckets = template.resourcesOfType("AWS::S3::Bucket");
        assertThat(buckets).containsKeys("ScenariosBucket", "ConsoleBucket");
        buckets.forEach((id, bucket) -> {
            Map<String, Object> p = properties(bucket);
            assertThat(map(p.get("VersioningConfiguration")).get("Status")).as(id).isEqualTo("Enabled");
            assertThat(p).containsKey("BucketEncryption");
            assertThat(map(p.get("PublicAccessBlockConfiguration")).values()).hasSize(4).containsOnly(true);
            boolean tlsOnly = template.resourcesOfType("AWS::S3::BucketPolicy").values().stream()
                    .filter(policy -> Map.of("Ref", id).equals(properties(policy).get("Bucket")))
                    .flatMap(policy -> list(map(properties(policy).get("PolicyDocument")).get("Statement")).stream())
                    .map(SamTemplate::map)
                    .anyMatch(s -> "Deny".equals(s.get("Effect"))
                            && map(map(s.get("Condition")).get("Bool")).containsKey("aws:SecureTransport"));
            assertThat(tlsOnly).as(id + " refuses plain HTTP").isTrue();
        });
    }

    static Map<String, Map<String, Object>> allowStatements() {
        Map<String, Map<String, Object>> found = allowStatements(template);
        assertThat(found).hasSizeGreaterThan(20);
        return found;
    }

    /** Every Allow statement of every function policy and IAM role, by where it is. */
    static Map<String, Map<String, Object>> allowStatements(SamTemplate template) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        template.resources().forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            String type = String.valueOf(resource.get("Type"));
            List<Map<String, Object>> statements = new ArrayList<>();
            if (type.startsWith("AWS::Serverless::")) {
                for (Object policy : list(properties(resource).get("Policies"))) {
                    list(map(policy).get("Statement")).forEach(s -> statements.add(map(s)));
                }
            } else if ("AWS::IAM::Role".equals(type)) {
                statements.addAll(statementsOf(properties(resource)));
            }
            for (int i = 0; i < statements.size(); i++) {
                if ("Allow".equals(statements.get(i).get("Effect"))) {
                    found.put(id + "#" + statements.get(i).getOrDefault("Sid", i), statements.get(i));
                }
            }
        });
        return found;
    }

    static List<Map<String, Object>> statementsOf(Map<String, Object> role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(role.get("Policies"))) {
            list(map(map(policy).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        return statements;
    }

    static List<String> actions(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    @Test
    void consoleConfig_tellsTheConsoleWhereTheApiIsAndHowToSignIn() throws IOException {
        Map<String, Object> config = map(properties(map(template.resources().get("ConsoleConfig"))).get("Config"));
        assertThat(config).containsKeys("apiBase", "region", "userPoolId", "userPoolClientId", "identityPoolId",
                "iotEndpoint", "authDomain");
        assertThat(config.get("auth")).isEqualTo("cognito");
        assertThat(new ObjectMapper().writeValueAsString(config)).contains("UserPoolClient", "UserPoolDomain");
        // the hosted login sends the user back to the console, and only there
        Map<String, Object> client = properties(map(template.resources().get("UserPoolClient")));
        Object consoleUrl = map(template.section("Outputs").get("ConsoleUrl")).get("Value");
        assertThat(list(client.get("CallbackURLs"))).containsExactly(Map.of("Fn::Sub",
                map(consoleUrl).get("Fn::Sub") + "/"));
        assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("code");
        assertThat(client.get("GenerateSecret")).isEqualTo(false);
    }
}
