package dlt.aws.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import dlt.core.port.WorkflowStarter.WorkflowStartException;
import dlt.core.port.contract.ContractFixtures;
import dlt.core.run.StateMachineInput;
import dlt.core.run.StateMachineInput.RegionRun;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepFunctionsWorkflowStarterTest {

    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:dlt-tests";
    private static final StateMachineInput INPUT = new StateMachineInput("t1", "r1", "simple", "none", true, 150,
            List.of(RegionRun.of(ContractFixtures.region("eu-west-1"), 2, 50)));

    private AwsStubServer aws;
    private AwsClients clients;
    private StepFunctionsWorkflowStarter starter;

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.SFN, aws.endpoint()));
        starter = new StepFunctionsWorkflowStarter(clients.sfn(), MACHINE);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    @Test
    void start_run_startsARunNamedExecutionWithTheInputAsJson() throws Exception {
        aws.on("StartExecution", Reply.ok("{\"executionArn\":\"arn:exec:t1-r1\",\"startDate\":1700000000}"));

        String executionArn = starter.start(INPUT);

        assertThat(executionArn).isEqualTo("arn:exec:t1-r1");
        AwsStubServer.Call call = aws.calls().get(0);
        assertThat(call.target()).isEqualTo("AWSStepFunctions.StartExecution");
        JsonNode request = new ObjectMapper().readTree(call.body());
        assertThat(request.path("stateMachineArn").asText()).isEqualTo(MACHINE);
        assertThat(request.path("name").asText()).isEqualTo("t1-r1");
        JsonNode input = new ObjectMapper().readTree(request.path("input").asText());
        assertThat(input.path("testId").asText()).isEqualTo("t1");
        assertThat(input.path("testDuration").asLong()).isEqualTo(150);
        assertThat(input.path("showLive").asBoolean()).isTrue();
        JsonNode region = input.path("regions").get(0);
        assertThat(region.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(region.path("taskCount").asInt()).isEqualTo(2);
        assertThat(region.path("concurrency").asInt()).isEqualTo(50);
        assertThat(region.path("cluster").asText()).isEqualTo("dlt-cluster-eu-west-1");
        assertThat(region.path("subnets")).hasSize(2);
        assertThat(region.path("securityGroup").asText()).isEqualTo("sg-123");
        assertThat(region.path("logGroup").asText()).isEqualTo("/dlt/ecs/eu-west-1");
    }

    @Test
    void executionName_longOrOddIds_isLegalAndAtMost80() {
        String name = StepFunctionsWorkflowStarter.executionName("a".repeat(70), "run:with spaces/and{braces}");
        assertThat(name).hasSize(80).matches("[A-Za-z0-9_-]+");
        assertThat(StepFunctionsWorkflowStarter.executionName("abc", "x.y")).isEqualTo("abc-x_y");
    }

    @Test
    void start_alreadyStarted_failsSayingSo() {
        aws.on("StartExecution", Reply.error(400, "ExecutionAlreadyExists", "Execution Already Exists: 'arn:...'"));
        assertThatThrownBy(() -> starter.start(INPUT)).isInstanceOf(WorkflowStartException.class)
                .hasMessage("run r1 was already started");
    }

    @Test
    void start_serviceFailing_failsWithAMessageForUsers() {
        aws.on("StartExecution", Reply.error(500, "InternalFailure", "boom at arn:aws:states:secret"));
        assertThatThrownBy(() -> starter.start(INPUT)).isInstanceOf(WorkflowStartException.class)
                .hasMessage("the test workflow could not be started; try again later")
                .hasMessageNotContaining("arn");
    }

    @Test
    void start_machineMissing_failsSayingTheWorkflowIsNotDeployed() {
        aws.on("StartExecution", Reply.error(400, "StateMachineDoesNotExist", "State Machine Does Not Exist"));
        assertThatThrownBy(() -> starter.start(INPUT)).isInstanceOf(WorkflowStartException.class)
                .hasMessage("the test workflow is not deployed in this stack");
    }
}
