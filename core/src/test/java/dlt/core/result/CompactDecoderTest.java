package dlt.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactDecoderTest {

    @ParameterizedTest(name = "{0} significant digits")
    @ValueSource(ints = {2, 3})
    void decodesExactlyWhatTheLibraryEncoded(int digits) {
        SplittableRandom random = new SplittableRandom(digits);
        for (int round = 0; round < 50; round++) {
            Histogram original = new Histogram(Histograms.HIGHEST_MICROS, digits);
            int values = random.nextInt(0, 5_000);
            long scale = 1L << random.nextInt(4, 31);
            for (int i = 0; i < values; i++) {
                original.recordValueWithCount(1 + random.nextLong(scale), 1 + random.nextInt(3));
            }
            Histogram decoded = Histograms.decode(Histograms.encode(original));

            assertThat(decoded.getTotalCount()).isEqualTo(original.getTotalCount());
            assertThat(decoded.getMaxValue()).isEqualTo(original.getMaxValue());
            assertThat(decoded.getMinValue()).isEqualTo(original.getMinValue());
            for (double q : new double[] {0, 50, 90, 99, 99.9, 100}) {
                assertThat(decoded.getValueAtPercentile(q)).isEqualTo(original.getValueAtPercentile(q));
            }
            Histogram total = Histograms.newAccumulator(decoded);
            total.add(decoded);
            Histogram expected = Histograms.newAccumulator(original);
            expected.add(original);
            assertThat(total).isEqualTo(expected);
        }
    }

    @Test
    void aDecodedHistogramTakesValuesBeyondWhatItHeld() {
        Histogram small = Histograms.newDetailed();
        small.recordValue(120);
        Histogram decoded = Histograms.decode(Histograms.encode(small));
        Histogram wide = Histograms.newDetailed();
        wide.recordValue(3_000_000_000L);
        decoded.add(wide);
        Histograms.record(decoded, 2_000_000_000L);
        assertThat(decoded.getTotalCount()).isEqualTo(3);
        assertThat(decoded.getMaxValue()).isEqualTo(wide.highestEquivalentValue(3_000_000_000L));
    }

    @Test
    void anEmptyHistogramDecodesEmpty() {
        assertThat(Histograms.decode(Histograms.encode(Histograms.newCoarse())).getTotalCount()).isZero();
    }

    @Test
    void damagedEncodingsAreRefused() {
        String good = Histograms.encode(Histograms.newDetailed());
        byte[] bytes = Base64.getDecoder().decode(good);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> Histograms.decode(Base64.getEncoder().encodeToString(cut)))
                .isInstanceOf(IllegalArgumentException.class);
        bytes[10] ^= 0x5a;
        assertThatThrownBy(() -> Histograms.decode(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Histograms.decode("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
