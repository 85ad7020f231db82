package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelResultTest {
  @Test
  void plus_twoLabels_sumsCountsMapsAndHistograms() {
    LabelResult a = SampleResults.label(1, Map.of(200, 2L, 500, 1L), Map.of("timeout", 1L),
        1000, 2000, 3000);
    LabelResult b = SampleResults.label(2, Map.of(200, 1L), Map.of("timeout", 1L, "reset", 1L),
        4000, 5000);

    LabelResult sum = a.plus(b);

    assertThat(sum.requests()).isEqualTo(5);
    assertThat(sum.successes()).isEqualTo(2);
    assertThat(sum.failures()).isEqualTo(3);
    assertThat(sum.statusCodes()).containsExactly(Map.entry(200, 3L), Map.entry(500, 1L));
    assertThat(sum.errors()).containsExactly(Map.entry("reset", 1L), Map.entry("timeout", 2L));
    assertThat(sum.bytesSent()).isEqualTo(500);
    assertThat(sum.bytesReceived()).isEqualTo(5000);
    assertThat(sum.checksPassed()).isEqualTo(5);
    assertThat(sum.responseTime().getTotalCount()).isEqualTo(5);
    assertThat(sum.serviceTime().getTotalCount()).isEqualTo(5);
    assertThat(sum.connectTime().getTotalCount()).isEqualTo(2);
    assertThat(sum.timeToFirstByte().getMaxValue())
        .isEqualTo(SampleResults.detailed(5000).getMaxValue());
    assertThat(a.responseTime().getTotalCount()).isEqualTo(3);
    assertThat(b.responseTime().getTotalCount()).isEqualTo(2);
  }

  @Test
  void plus_empty_isIdentity() {
    LabelResult a = SampleResults.label(0, Map.of(200, 1L), Map.of(), 1500);

    LabelResult sum = LabelResult.empty().plus(a);

    assertThat(sum.requests()).isEqualTo(1);
    assertThat(sum.responseTime().getValueAtPercentile(50))
        .isEqualTo(a.responseTime().getValueAtPercentile(50));
  }

  @Test
  void constructor_negativeCount_throwsNamingTheField() {
    assertThatThrownBy(() -> new LabelResult(-1, 0, 0, null, null, 0, 0, 0, 0,
        null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests");
  }
}
