package dlt.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.result.Histograms;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LiveLineTest {
  private static LiveLine sample(Histogram hist) {
    return new LiveLine("test1", "run1", "us-east-1", "task-7", 1_700_000_000L, 40, 950, 3,
        123_456, hist);
  }

  @Test
  void parse_ofToJson_givesTheSameLine() {
    Histogram hist = Histograms.newCoarse();
    for (long micros = 100; micros < 100_000; micros += 37) {
      Histograms.record(hist, micros);
    }
    LiveLine line = sample(hist);

    Optional<LiveLine> parsed = LiveLine.parse(line.toJson());

    assertThat(parsed).isPresent();
    LiveLine read = parsed.get();
    assertThat(read.testId()).isEqualTo("test1");
    assertThat(read.testRunId()).isEqualTo("run1");
    assertThat(read.region()).isEqualTo("us-east-1");
    assertThat(read.taskId()).isEqualTo("task-7");
    assertThat(read.second()).isEqualTo(1_700_000_000L);
    assertThat(read.users()).isEqualTo(40);
    assertThat(read.ok()).isEqualTo(950);
    assertThat(read.fail()).isEqualTo(3);
    assertThat(read.bytes()).isEqualTo(123_456);
    assertThat(read.hist().getTotalCount()).isEqualTo(hist.getTotalCount());
    assertThat(read.hist().getValueAtPercentile(95)).isEqualTo(hist.getValueAtPercentile(95));
  }

  @Test
  void toJson_detailedHistogram_isOneLineWithSchemaAndCoarseHist() {
    Histogram detailed = Histograms.newDetailed();
    Histograms.record(detailed, 1234);

    String json = sample(detailed).toJson();

    assertThat(json).doesNotContain("\n").startsWith("{\"schema\":\"dlt.live.v1\",");
    assertThat(LiveLine.parse(json).orElseThrow().hist().getNumberOfSignificantValueDigits())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "INFO starting worker",
      "{\"schema\":\"other.v1\",\"testId\":\"t\"}",
      "{\"schema\":\"dlt.live.v1\"",
      "[\"dlt.live.v1\"]",
      "{\"schema\":\"dlt.live.v1\",\"testId\":\"t\",\"testRunId\":\"r\",\"region\":\"x\","
          + "\"taskId\":\"k\",\"second\":1,\"users\":1,\"ok\":1,\"fail\":0,\"bytes\":1}",
      "{\"schema\":\"dlt.live.v1\",\"testId\":\"t\",\"testRunId\":\"r\",\"region\":\"x\","
          + "\"taskId\":\"k\",\"second\":1,\"users\":1,\"ok\":1,\"fail\":0,\"bytes\":1,"
          + "\"hist\":\"garbage!\"}",
      "{\"schema\":\"dlt.live.v1\",\"testId\":\"t\",\"testRunId\":\"r\",\"region\":\"x\","
          + "\"taskId\":\"k\",\"second\":1,\"users\":-1,\"ok\":\"1\",\"fail\":0,\"bytes\":1,"
          + "\"hist\":\"\"}",
      "{\"schema\":\"dlt.live.v1\",\"testId\":null}",
  })
  void parse_foreignOrDamagedLine_isEmpty(String line) {
    assertThat(LiveLine.parse(line)).isEmpty();
  }

  @Test
  void parse_lineWithSurroundingWhitespace_isRead() {
    assertThat(LiveLine.parse("  " + sample(null).toJson() + "\r\n")).isPresent();
  }
}
