package dlt.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void fromEnvironment_lambdaVariables_readsEveryName() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1", "SCENARIOS_TABLE", "scen", "HISTORY_TABLE", "hist",
                "SCENARIOS_BUCKET", "bucket", "STATE_MACHINE_ARN", "arn:sm", "TASK_CANCELER_ARN", "arn:fn"));
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.scenariosTable()).isEqualTo("scen");
        assertThat(settings.historyTable()).isEqualTo("hist");
        assertThat(settings.historyStartTimeIndex()).isEqualTo("testId-startTime-index");
        assertThat(settings.scenariosBucket()).isEqualTo("bucket");
        assertThat(settings.stateMachineArn()).isEqualTo("arn:sm");
        assertThat(settings.taskCancelerArn()).isEqualTo("arn:fn");
        assertThat(settings.staticCredentials()).isNull();
        assertThat(settings.endpointFor(AwsService.DYNAMODB)).isEmpty();
    }

    @Test
    void fromEnvironment_noRegion_failsNamingIt() {
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of())).hasMessageContaining("AWS_REGION");
    }

    @Test
    void resourceName_missing_failsNamingItsVariable() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1"));
        assertThatThrownBy(settings::scenariosTable).hasMessageContaining("SCENARIOS_TABLE");
        assertThatThrownBy(settings::historyTable).hasMessageContaining("HISTORY_TABLE");
        assertThatThrownBy(settings::scenariosBucket).hasMessageContaining("SCENARIOS_BUCKET");
        assertThatThrownBy(settings::stateMachineArn).hasMessageContaining("STATE_MACHINE_ARN");
        assertThatThrownBy(settings::taskCancelerArn).hasMessageContaining("TASK_CANCELER_ARN");
    }

    @Test
    void endpointFor_serviceOverride_winsOverTheCommonOne() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "DLT_AWS_ENDPOINT", "http://127.0.0.1:4566", "DLT_AWS_ENDPOINT_S3", "http://127.0.0.1:9000",
                "DLT_AWS_ACCESS_KEY_ID", "local", "DLT_AWS_SECRET_ACCESS_KEY", "secret"));
        assertThat(settings.endpointFor(AwsService.S3)).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.endpointFor(AwsService.DYNAMODB)).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.staticCredentials().accessKeyId()).isEqualTo("local");
        assertThat(settings.toString()).doesNotContain("secret\"").doesNotContain("=secret");
    }

    @Test
    void fromEnvironment_badEndpointOrHalfCredentials_failsNamingTheVariable() {
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "DLT_AWS_ENDPOINT_DYNAMODB", "localhost"))).hasMessageContaining("DLT_AWS_ENDPOINT_DYNAMODB");
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "DLT_AWS_ACCESS_KEY_ID", "local"))).hasMessageContaining("DLT_AWS_SECRET_ACCESS_KEY");
    }
}
