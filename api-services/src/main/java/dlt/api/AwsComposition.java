package dlt.api;

import dlt.api.usecase.IdSource;
import dlt.api.usecase.Ports;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.iot.IotPolicyLiveDataAccess;
import dlt.aws.scheduler.EventBridgeScheduleStore;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import dlt.aws.dynamodb.DynamoDbScenarioRepository;
import dlt.aws.dynamodb.DynamoDbTestRunRepository;
import dlt.aws.ecs.EcsTaskLauncher;
import dlt.aws.lambda.LambdaRunCanceller;
import dlt.aws.s3.S3ObjectStore;
import dlt.aws.sfn.StepFunctionsWorkflowStarter;
import java.time.Clock;

/** The Lambda runtime's composition root: the AWS adapters of the ports, built once from the environment. */
final class AwsComposition {

    private AwsComposition() {
    }

    static ScenarioApi scenarioApi(ApiSettings settings) {
        settings.requireScheduler();
        settings.requireLiveAccess();
        AwsSettings aws = AwsSettings.fromEnvironment();
        AwsClients clients = new AwsClients(aws);
        Clock clock = Clock.systemUTC();
        Ports ports = new Ports(
                new DynamoDbScenarioRepository(clients.dynamoDb(), aws.scenariosTable()),
                new DynamoDbTestRunRepository(clients.dynamoDb(), aws.historyTable(), aws.historyStartTimeIndex()),
                new S3ObjectStore(clients.s3(), clients.s3Presigner(), aws.scenariosBucket(), clock),
                new EcsTaskLauncher(clients::ecs, clients::serviceQuotas),
                new LambdaRunCanceller(clients.lambda(), aws.taskCancelerArn()),
                new StepFunctionsWorkflowStarter(clients.sfn(), aws.stateMachineArn()),
                new EventBridgeScheduleStore(
                        clients.client(AwsService.SCHEDULER, aws.region(), SchedulerClient::builder),
                        new EventBridgeScheduleStore.Target(settings.scheduleGroupName(), settings.schedulerRoleArn(),
                                settings.schedulerTargetArn()),
                        clock),
                new IotPolicyLiveDataAccess(
                        clients.client(AwsService.COGNITO_IDENTITY, aws.region(), CognitoIdentityClient::builder),
                        clients.client(AwsService.IOT, aws.region(), IotClient::builder),
                        new IotPolicyLiveDataAccess.Target(settings.identityPoolId(), settings.signInProvider(),
                                settings.iotPolicyName())));
        return ScenarioApi.create(settings, ports, clock, IdSource.random());
    }
}
