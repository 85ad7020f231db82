package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramsTest {
  @Test
  void record_outOfRangeValues_clampsInsteadOfThrowing() {
    Histogram histogram = Histograms.newDetailed();
    Histograms.record(histogram, -5);
    Histograms.record(histogram, 0);
    Histograms.record(histogram, Long.MAX_VALUE);

    assertThat(histogram.getTotalCount()).isEqualTo(3);
    assertThat(histogram.getMinValue()).isEqualTo(1);
    assertThat(histogram.getMaxValue()).isGreaterThanOrEqualTo(Histograms.HIGHEST_MICROS);
  }

  @Test
  void encode_thenDecode_givesIdenticalPercentiles() {
    Histogram original = SampleResults.detailed(SampleResults.randomLatencies(new Random(7), 50_000));

    Histogram decoded = Histograms.decode(Histograms.encode(original));

    assertThat(decoded.getTotalCount()).isEqualTo(original.getTotalCount());
    for (double percentile : new double[] {0, 50, 90, 99, 99.9, 100}) {
      assertThat(decoded.getValueAtPercentile(percentile))
          .isEqualTo(original.getValueAtPercentile(percentile));
    }
    assertThat(decoded.getMean()).isEqualTo(original.getMean());
  }

  @Test
  void decode_garbage_throwsIllegalArgument() {
    assertThatThrownBy(() -> Histograms.decode("not base64!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
    assertThatThrownBy(() -> Histograms.decode("aGVsbG8gd29ybGQ="))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HdrHistogram");
    assertThatThrownBy(() -> Histograms.decode(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sum_detailedAndCoarse_keepsEveryValueAndLeavesInputsAlone() {
    Histogram detailed = SampleResults.detailed(1000, 2000);
    Histogram coarse = SampleResults.coarse(3000);

    Histogram sum = Histograms.sum(detailed, coarse);

    assertThat(sum.getTotalCount()).isEqualTo(3);
    assertThat(sum.getNumberOfSignificantValueDigits()).isEqualTo(3);
    assertThat(detailed.getTotalCount()).isEqualTo(2);
    assertThat(coarse.getTotalCount()).isEqualTo(1);
  }

  @Test
  void toCoarse_detailedHistogram_hasTwoDigitsAndSameCount() {
    Histogram coarse = Histograms.toCoarse(SampleResults.detailed(1234, 5678, 91011));

    assertThat(coarse.getNumberOfSignificantValueDigits()).isEqualTo(2);
    assertThat(coarse.getTotalCount()).isEqualTo(3);
  }
}
