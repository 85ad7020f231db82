package dlt.core.result;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The one place that decides how dlt histograms are shaped and shipped. Every histogram holds
 * microseconds from 1 µs to 1 h, so histograms from any worker can be added together exactly.
 */
public final class Histograms {
  /** Highest trackable value: one hour in microseconds. */
  public static final long HIGHEST_MICROS = 3_600_000_000L;

  private static final int DETAILED_DIGITS = 3;
  private static final int COARSE_DIGITS = 2;

  private Histograms() {}

  /** A histogram for recording on the hot path: 3 significant digits (per label, per loop). */
  public static Histogram newDetailed() {
    return new Histogram(HIGHEST_MICROS, DETAILED_DIGITS);
  }

  /** A small histogram for timeline points and live lines: 2 significant digits. */
  public static Histogram newCoarse() {
    return new Histogram(HIGHEST_MICROS, COARSE_DIGITS);
  }

  /**
   * Records one value, clamped to [1, highest trackable], so a clock glitch or a stalled request
   * longer than an hour is counted instead of failing the run.
   */
  public static void record(Histogram histogram, long micros) {
    long highest = histogram.isAutoResize() ? HIGHEST_MICROS
        : Math.min(HIGHEST_MICROS, histogram.getHighestTrackableValue());
    histogram.recordValue(Math.max(1L, Math.min(micros, highest)));
  }

  /** Compressed HdrHistogram encoding ({@code encodeIntoCompressedByteBuffer}), base64. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /**
   * Decodes {@link #encode} output into a plain histogram: fast to read and to add into, which is
   * what merging thousands of files needs (a packed one is ~15x slower to decode and add).
   *
   * @throws IllegalArgumentException when the text is not an encoded histogram
   */
  public static Histogram decode(String base64) {
    Histogram compact = CompactDecoder.decode(bytes(base64));
    if (compact != null) {
      // sized to its values and growing on demand, so anything can be added into it
      return compact;
    }
    Histogram decoded = decodeWith(base64, false);
    return decoded.getHighestTrackableValue() < HIGHEST_MICROS ? widened(decoded, false) : decoded;
  }

  /**
   * Decodes into a packed histogram, whose memory grows with the values held rather than the range:
   * for holding many histograms at once (a long timeline), not for merging.
   */
  public static Histogram decodePacked(String base64) {
    Histogram decoded = decodeWith(base64, true);
    return decoded.getHighestTrackableValue() < HIGHEST_MICROS ? widened(decoded, true) : decoded;
  }

  private static byte[] bytes(String base64) {
    if (base64 == null || base64.isEmpty()) {
      throw new IllegalArgumentException("histogram is empty");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("histogram is not base64: " + e.getMessage(), e);
    }
  }

  private static Histogram decodeWith(String base64, boolean packed) {
    byte[] bytes = bytes(base64);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return packed ? PackedHistogram.decodeFromCompressedByteBuffer(buffer, 0)
          : Histogram.decodeFromCompressedByteBuffer(buffer, 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("histogram is not a compressed HdrHistogram: " + e, e);
    }
  }

  /** Widened to the common range, or adding a longer-ranged histogram into it would fail. */
  private static Histogram widened(Histogram narrow, boolean packed) {
    Histogram wide = packed
        ? new PackedHistogram(HIGHEST_MICROS, narrow.getNumberOfSignificantValueDigits())
        : new Histogram(HIGHEST_MICROS, narrow.getNumberOfSignificantValueDigits());
    wide.add(narrow);
    return wide;
  }

  /**
   * A plain, empty histogram with room for everything in {@code like} (its precision, the common
   * range): the running total a merger adds into in place.
   */
  public static Histogram newAccumulator(Histogram like) {
    return new Histogram(Math.max(HIGHEST_MICROS, like.getHighestTrackableValue()),
        like.getNumberOfSignificantValueDigits());
  }

  /** An empty histogram that uses little memory until values are added. */
  public static Histogram newEmpty() {
    return new PackedHistogram(HIGHEST_MICROS, DETAILED_DIGITS);
  }

  /**
   * A new histogram holding every value of both, at the finer precision of the two; neither
   * argument is changed.
   */
  public static Histogram sum(Histogram a, Histogram b) {
    Histogram result = new PackedHistogram(
        Math.min(a.getLowestDiscernibleValue(), b.getLowestDiscernibleValue()),
        Math.max(HIGHEST_MICROS, Math.max(a.getHighestTrackableValue(), b.getHighestTrackableValue())),
        Math.max(a.getNumberOfSignificantValueDigits(), b.getNumberOfSignificantValueDigits()));
    result.add(a);
    result.add(b);
    return result;
  }

  /** A copy reduced to 2 significant digits, the precision of timelines and live lines. */
  public static Histogram toCoarse(Histogram histogram) {
    if (histogram.getNumberOfSignificantValueDigits() <= COARSE_DIGITS) {
      return histogram;
    }
    Histogram coarse = new Histogram(
        Math.max(HIGHEST_MICROS, histogram.getHighestTrackableValue()), COARSE_DIGITS);
    coarse.add(histogram);
    return coarse;
  }

}
