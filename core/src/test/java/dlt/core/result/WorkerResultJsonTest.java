package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkerResultJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static WorkerResult sample() {
    LabelResult login = SampleResults.label(1, Map.of(200, 3L, 401, 1L), Map.of("http", 1L),
        SampleResults.randomLatencies(new Random(1), 4));
    LabelResult search = SampleResults.label(0, Map.of(200, 2L), Map.of(), 1500, 250_000);
    return new WorkerResult(1, "t", "r", "us-east-1", "task-1", new Window(10_000, 20_000),
        new Window(7_000, 10_000), SampleResults.label(0, Map.of(200, 1L), Map.of(), 900),
        false, 2, 1, 50, login.plus(search), Map.of("login", login, "search", search),
        SampleResults.timeline(10, 10, 50));
  }

  @Test
  void read_ofWritten_givesEqualResult() {
    WorkerResult original = sample();

    WorkerResult read = WorkerResultJson.read(WorkerResultJson.write(original));

    assertThat(read).isEqualTo(original);
    assertThat(read.labels().get("login").responseTime().getValueAtPercentile(99))
        .isEqualTo(original.labels().get("login").responseTime().getValueAtPercentile(99));
    assertThat(read.timeline()).hasSize(10);
  }

  @Test
  void read_inputStream_readsTheSameAsText() {
    String json = WorkerResultJson.write(sample());

    WorkerResult read = WorkerResultJson.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(read).isEqualTo(WorkerResultJson.read(json));
  }

  @Test
  void write_noWarmUp_omitsWarmUpAndUsesStringKeys() throws Exception {
    WorkerResult result = SampleResults.worker("r", "t",
        SampleResults.label(0, Map.of(200, 1L), Map.of(), 100), Map.of(), null);

    JsonNode json = MAPPER.readTree(WorkerResultJson.write(result));

    assertThat(json.get("version").intValue()).isEqualTo(1);
    assertThat(json.has("warmUp")).isFalse();
    assertThat(json.get("total").get("statusCodes").get("200").longValue()).isEqualTo(1);
    assertThat(json.get("total").get("responseTime").isTextual()).isTrue();
    assertThat(WorkerResultJson.read(json.toString()).warmUp()).isNull();
  }

  @Test
  void read_newerVersion_refusesNamingTheVersion() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(WorkerResultJson.write(sample()));
    json.put("version", 2);

    assertThatThrownBy(() -> WorkerResultJson.read(json.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2").hasMessageContaining("newer");
  }

  @Test
  void read_missingVersion_refuses() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(WorkerResultJson.write(sample()));
    json.remove("version");

    assertThatThrownBy(() -> WorkerResultJson.read(json.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'version' is missing");
  }

  @Test
  void read_malformedFiles_throwIllegalArgumentNamingTheProblem() throws Exception {
    String valid = WorkerResultJson.write(sample());
    ObjectNode missingTotal = (ObjectNode) MAPPER.readTree(valid);
    missingTotal.remove("total");
    ObjectNode badHistogram = (ObjectNode) MAPPER.readTree(valid);
    ((ObjectNode) badHistogram.get("labels").get("login")).put("serviceTime", "@@@");
    ObjectNode badStatus = (ObjectNode) MAPPER.readTree(valid);
    ((ObjectNode) badStatus.get("total").get("statusCodes")).put("ok", 1);
    ObjectNode textCount = (ObjectNode) MAPPER.readTree(valid);
    ((ObjectNode) textCount.get("timeline").get(3)).put("requests", "ten");
    ObjectNode blankId = (ObjectNode) MAPPER.readTree(valid);
    blankId.put("taskId", " ");

    assertThatThrownBy(() -> WorkerResultJson.read("{not json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> WorkerResultJson.read("[]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> WorkerResultJson.read(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> WorkerResultJson.read(missingTotal.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'total' is missing");
    assertThatThrownBy(() -> WorkerResultJson.read(badHistogram.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels.login.serviceTime");
    assertThatThrownBy(() -> WorkerResultJson.read(badStatus.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total.statusCodes").hasMessageContaining("'ok'");
    assertThatThrownBy(() -> WorkerResultJson.read(textCount.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeline[3].requests");
    assertThatThrownBy(() -> WorkerResultJson.read(blankId.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taskId");
    assertThatThrownBy(() -> WorkerResultJson.read((String) null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
