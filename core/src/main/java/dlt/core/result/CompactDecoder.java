package dlt.core.result;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Reads HdrHistogram's compressed V2 encoding into a histogram sized to the values it holds. Every dlt
 * histogram is encoded with the full one-hour range, so the library's decoder allocates (and zeroes)
 * the whole range's counts, about 190 KB at 3 digits, and adding it into a total walks all of them;
 * merging a thousand files of 20 labels did that some 700,000 times. Sized to its values (it grows on
 * demand), a decoded histogram costs what its non-zero counts cost.
 */
final class CompactDecoder {

    private static final int V2_ENCODING_COOKIE = 0x1c849303;
    private static final int V2_COMPRESSED_COOKIE = 0x1c849304;
    private static final int HEADER_BYTES = 40;
    /** Generous: a full one-hour 3-digit histogram has about 24,000 counts. */
    private static final int MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

    /** dlt's histograms all start at 1 µs: their layouts, by precision. */
    private static final Shape[] UNIT_SHAPES = java.util.stream.IntStream.rangeClosed(0, 5)
            .mapToObj(digits -> new Shape(digits, 1)).toArray(Shape[]::new);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per thread: one inflater and buffers reused across decodes. */
    private static final class Scratch {
        final Inflater inflater = new Inflater();
        byte[] inflated = new byte[64 * 1024];
        int[] indexes = new int[1024];
        long[] counts = new long[1024];
    }

    private CompactDecoder() {
    }

    /**
     * @return the histogram, or null when the bytes are a valid encoding this reader does not handle
     *         (a non-zero normalizing offset), for the library's decoder to take
     * @throws IllegalArgumentException when the bytes are not a compressed histogram
     */
    static Histogram decode(byte[] bytes) {
        Parsed parsed = parse(bytes);
        if (parsed == null) {
            return null;
        }
        Scratch scratch = SCRATCH.get();
        Shape shape = parsed.shape();
        long lowest = parsed.lowest();
        int entries = parsed.entries();
        int maxIndex = entries == 0 ? -1 : scratch.indexes[entries - 1];
        return build(shape, lowest, parsed.digits(), scratch, entries, maxIndex);
    }

    /**
     * The encoding's counts as values and counts, in value order: nothing allocated but the two arrays.
     *
     * @return null when the encoding is one this reader does not handle (see {@link #decode})
     * @throws IllegalArgumentException when the bytes are not a compressed histogram
     */
    static SparseHistogram sparse(byte[] bytes) {
        Parsed parsed = parse(bytes);
        if (parsed == null) {
            return null;
        }
        Scratch scratch = SCRATCH.get();
        int entries = parsed.entries();
        long[] values = new long[entries];
        long[] counts = Arrays.copyOf(scratch.counts, entries);
        for (int i = 0; i < entries; i++) {
            values[i] = parsed.shape().valueFromIndex(scratch.indexes[i]);
        }
        return new SparseHistogram(parsed.digits(), parsed.lowest(), values, counts);
    }

    /** The counts of an encoding, left in this thread's scratch arrays in index order. */
    private record Parsed(Shape shape, long lowest, int digits, int entries) {
    }

    private static Parsed parse(byte[] bytes) {
        ByteBuffer compressed = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || cookieBase(compressed.getInt()) != V2_COMPRESSED_COOKIE) {
            throw new IllegalArgumentException("not a compressed HdrHistogram (V2) encoding");
        }
        int compressedLength = compressed.getInt();
        if (compressedLength < 0 || compressedLength > bytes.length - 8) {
            throw new IllegalArgumentException("the compressed length " + compressedLength + " exceeds the encoding");
        }
        Scratch scratch = SCRATCH.get();
        int inflatedLength = inflate(scratch, bytes, 8, compressedLength);
        ByteBuffer buffer = ByteBuffer.wrap(scratch.inflated, 0, inflatedLength);
        if (inflatedLength < HEADER_BYTES || cookieBase(buffer.getInt()) != V2_ENCODING_COOKIE) {
            throw new IllegalArgumentException("the inflated histogram has no V2 header");
        }
        int payloadLength = buffer.getInt();
        int normalizingIndexOffset = buffer.getInt();
        int digits = buffer.getInt();
        long lowest = buffer.getLong();
        buffer.getLong(); // the highest trackable value: the decoded histogram is sized to its values instead
        double conversionRatio = buffer.getDouble();
        if (normalizingIndexOffset != 0 || conversionRatio != 1.0) {
            return null;
        }
        if (digits < 0 || digits > 5 || lowest < 1 || payloadLength < 0 || payloadLength > inflatedLength - HEADER_BYTES) {
            throw new IllegalArgumentException("the histogram header is out of range");
        }
        int end = HEADER_BYTES + payloadLength;
        int entries = 0;
        int index = 0;
        while (buffer.position() < end) {
            long value;
            try {
                value = zigZagLong(buffer);
            } catch (java.nio.BufferUnderflowException e) {
                throw new IllegalArgumentException("the histogram's counts are cut short", e);
            }
            if (value < 0) {
                long zeros = -value;
                if (zeros > Integer.MAX_VALUE - index) {
                    throw new IllegalArgumentException("the histogram's zero run is out of range");
                }
                index += (int) zeros;
                continue;
            }
            if (value > 0) {
                if (entries == scratch.indexes.length) {
                    scratch.indexes = Arrays.copyOf(scratch.indexes, entries * 2);
                    scratch.counts = Arrays.copyOf(scratch.counts, entries * 2);
                }
                scratch.indexes[entries] = index;
                scratch.counts[entries] = value;
                entries++;
            }
            index++;
        }
        return new Parsed(lowest == 1 ? UNIT_SHAPES[digits] : new Shape(digits, lowest), lowest, digits, entries);
    }

    private static Histogram build(Shape shape, long lowest, int digits, Scratch scratch, int entries, int maxIndex) {
        long highest = Math.max(2 * lowest, maxIndex < 0 ? 2 * lowest : 2 * shape.valueFromIndex(maxIndex));
        Histogram histogram = new Histogram(lowest, highest, digits);
        histogram.setAutoResize(true);
        recordInto(histogram, shape, scratch, entries);
        return histogram;
    }

    /**
     * Adds the encoded counts into {@code total} without making a histogram of them: what merging
     * needs, for whom the decoded copy would live only to be added.
     *
     * @return false when the encoding is one this reader does not handle (see {@link #decode})
     * @throws IllegalArgumentException when the bytes are not a compressed histogram
     */
    static boolean addInto(byte[] bytes, Histogram total) {
        Parsed parsed = parse(bytes);
        if (parsed == null) {
            return false;
        }
        recordInto(total, parsed.shape(), SCRATCH.get(), parsed.entries());
        return true;
    }

    /** The largest and the smallest first: each new maximum or minimum costs a compare-and-set in HdrHistogram. */
    private static void recordInto(Histogram histogram, Shape shape, Scratch scratch, int entries) {
        if (entries > 0) {
            histogram.recordValueWithCount(shape.valueFromIndex(scratch.indexes[entries - 1]), scratch.counts[entries - 1]);
        }
        if (entries > 1) {
            histogram.recordValueWithCount(shape.valueFromIndex(scratch.indexes[0]), scratch.counts[0]);
        }
        for (int i = 1; i < entries - 1; i++) {
            histogram.recordValueWithCount(shape.valueFromIndex(scratch.indexes[i]), scratch.counts[i]);
        }
    }

    private static int inflate(Scratch scratch, byte[] bytes, int offset, int length) {
        Inflater inflater = scratch.inflater;
        inflater.reset();
        inflater.setInput(bytes, offset, length);
        int total = 0;
        try {
            while (!inflater.finished()) {
                if (total == scratch.inflated.length) {
                    if (total >= MAX_PAYLOAD_BYTES) {
                        throw new IllegalArgumentException("the inflated histogram is larger than " + MAX_PAYLOAD_BYTES);
                    }
                    scratch.inflated = Arrays.copyOf(scratch.inflated, total * 2);
                }
                int n = inflater.inflate(scratch.inflated, total, scratch.inflated.length - total);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the compressed histogram is cut short");
                }
                total += n;
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the compressed histogram is not deflate data: " + e.getMessage(), e);
        }
        return total;
    }

    /** HdrHistogram's ZigZag LEB128 long: 7 bits a byte, the ninth byte whole. */
    private static long zigZagLong(ByteBuffer buffer) {
        long value = 0;
        int shift = 0;
        while (true) {
            long b = buffer.get();
            if (shift == 56) {
                value |= (b & 0xFF) << 56;
                break;
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (value >>> 1) ^ (-(value & 1));
    }

    private static int cookieBase(int cookie) {
        return cookie & ~0xf0;
    }

    /** HdrHistogram's bucket layout for a precision and lowest value: where each counts index sits. */
    private record Shape(int subBucketHalfCountMagnitude, int subBucketHalfCount, int unitMagnitude) {
        Shape(int digits, long lowest) {
            this(halfCountMagnitude(digits), 1 << halfCountMagnitude(digits), 63 - Long.numberOfLeadingZeros(lowest));
        }

        private static int halfCountMagnitude(int digits) {
            long largestWithSingleUnitResolution = 2 * (long) Math.pow(10, digits);
            int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestWithSingleUnitResolution) / Math.log(2));
            return (subBucketCountMagnitude > 1 ? subBucketCountMagnitude : 1) - 1;
        }

        long valueFromIndex(int index) {
            int bucketIndex = (index >> subBucketHalfCountMagnitude) - 1;
            int subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
            if (bucketIndex < 0) {
                subBucketIndex -= subBucketHalfCount;
                bucketIndex = 0;
            }
            return (long) subBucketIndex << (bucketIndex + unitMagnitude);
        }
    }
}
