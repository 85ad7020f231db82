package dlt.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsStubServer;
import dlt.aws.AwsStubServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaRunCancellerTest {

    private static final String CANCELER = "arn:aws:lambda:us-east-1:123456789012:function:dlt-task-canceler";

    private AwsStubServer aws;
    private AwsClients clients;
    private LambdaRunCanceller canceller;

    @BeforeEach
    void setUp() {
        aws = AwsStubServer.start();
        clients = new AwsClients(AwsSettings.local("us-east-1", new AwsSettings.StaticCredentials("k", "s"))
                .withEndpoint(AwsService.LAMBDA, aws.endpoint()));
        canceller = new LambdaRunCanceller(clients.lambda(), CANCELER);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        aws.close();
    }

    @Test
    void cancel_run_invokesTheCancelerAsynchronouslyWithTheRunIds() {
        aws.on("/invocations", new Reply(202, ""));

        canceller.cancel("t1", "r1");

        AwsStubServer.Call call = aws.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/2015-03-31/functions/" + CANCELER + "/invocations");
        assertThat(call.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(call.body()).isEqualTo("{\"testId\":\"t1\",\"testRunId\":\"r1\"}");
    }

    @Test
    void cancel_lambdaRefuses_failsWithoutSdkDetails() {
        aws.on("/invocations", Reply.error(429, "TooManyRequestsException", "Rate exceeded for arn:secret"));

        assertThatThrownBy(() -> canceller.cancel("t1", "r1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the task canceller could not be invoked for run r1");
    }
}
