package dlt.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.run.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsParserHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] event() throws Exception {
        try (InputStream in = ResultsParserHandlerTest.class.getResourceAsStream("/events/parse-results.json")) {
            return in.readAllBytes();
        }
    }

    private static Workers.Platform platformWithThreeWorkers() {
        Workers.Platform platform = new Workers.Platform(Workers.scenario("{}"));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true, Workers.samples(1, 300, List.of("a"), 30, 0)));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-b", 5, true, Workers.samples(2, 300, List.of("a"), 30, 0)));
        Workers.put(platform.store, Workers.worker("eu-west-1", "task-c", 3, true, Workers.samples(3, 300, List.of("a"), 30, 0)));
        return platform;
    }

    @Test
    void handleRequest_flatStateMachineEvent_answersStatusAndPartial() throws Exception {
        Workers.Platform platform = platformWithThreeWorkers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ResultsParserHandler(platform.useCase()).handleRequest(new ByteArrayInputStream(event()), out, null);

        JsonNode output = MAPPER.readTree(out.toByteArray());
        assertThat(output.toString())
                .isEqualTo("{\"testId\":\"shop\",\"testRunId\":\"run0000001\",\"status\":\"complete\",\"partial\":false}");
        assertThat(platform.run().status()).isEqualTo(RunStatus.COMPLETE);
    }

    @Test
    void readInput_nestedRunShape_readsLaunchedTasksAndOutcome() {
        String json = """
                {"run": {"testId": "shop", "testRunId": "r1", "testType": "simple", "fileType": "none",
                         "showLive": false, "testDuration": 10,
                         "regions": [{"region": "us-east-1", "taskCount": 2, "concurrency": 5}]},
                 "launchedTasks": {"us-east-1": ["t1", "t2"]}, "outcome": "cancelled", "errorReason": "stopped"}""";

        ParseResultsInput input = ResultsParserHandler.readInput(json.getBytes(StandardCharsets.UTF_8));

        assertThat(input.run().testRunId()).isEqualTo("r1");
        assertThat(input.run().regions().get(0).taskCount()).isEqualTo(2);
        assertThat(input.launchedTasks()).containsEntry("us-east-1", List.of("t1", "t2"));
        assertThat(input.outcome()).isEqualTo(ParseResultsInput.Outcome.CANCELLED);
        assertThat(input.errorReason()).isEqualTo("stopped");
    }

    @Test
    void readInput_withoutOutcomeOrLaunchedTasks_completeAndCountsPerRegion() {
        String json = """
                {"testId": "shop", "testRunId": "r1", "regions": [{"region": "us-east-1", "taskCount": 2}]}""";

        ParseResultsInput input = ResultsParserHandler.readInput(json.getBytes(StandardCharsets.UTF_8));

        assertThat(input.outcome()).isEqualTo(ParseResultsInput.Outcome.COMPLETE);
        assertThat(input.launchedTasks()).isNull();
    }

    @Test
    void readInput_badEvents_invalidInputNamingTheProblem() {
        assertThatThrownBy(() -> ResultsParserHandler.readInput("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultsParserHandler.InvalidParseInputException.class);
        assertThatThrownBy(() -> ResultsParserHandler.readInput("{\"testId\": \"a\", \"testRunId\": \"b\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultsParserHandler.InvalidParseInputException.class).hasMessageContaining("regions");
        assertThatThrownBy(() -> ResultsParserHandler.readInput(
                "{\"testId\": \"a\", \"testRunId\": \"b\", \"regions\": [], \"outcome\": \"done\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultsParserHandler.InvalidParseInputException.class).hasMessageContaining("outcome");
        assertThatThrownBy(() -> ResultsParserHandler.readInput("{\"regions\": []}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultsParserHandler.InvalidParseInputException.class).hasMessageContaining("testId");
    }
}
