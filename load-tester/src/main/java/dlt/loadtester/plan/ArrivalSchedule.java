package dlt.loadtester.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A piecewise-linear arrival rate: each segment goes from one rate to another over its duration.
 * Iteration {@code k} (0-based) is due when the integral of the rate reaches {@code k}, so arrivals are
 * evenly spaced at a constant rate and follow ramps exactly. Pure arithmetic: testable without a clock.
 */
public final class ArrivalSchedule {
    private static final double NANOS = 1e9;

    /** A segment of the schedule, rates in arrivals per second. */
    public record Segment(long durationNanos, double fromRate, double toRate) {
        public Segment {
            if (durationNanos <= 0) throw new IllegalArgumentException("segment duration must be positive");
            if (fromRate < 0 || toRate < 0 || Double.isNaN(fromRate) || Double.isNaN(toRate)) {
                throw new IllegalArgumentException("rates must be zero or more");
            }
        }

        double arrivals() {
            return (fromRate + toRate) / 2 * durationNanos / NANOS;
        }
    }

    private final List<Segment> segments;
    private final double[] arrivalsBefore;
    private final long[] startNanos;
    private final long totalArrivals;

    public ArrivalSchedule(List<Segment> segments) {
        if (segments.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one segment");
        this.segments = List.copyOf(segments);
        this.arrivalsBefore = new double[segments.size() + 1];
        this.startNanos = new long[segments.size() + 1];
        for (int i = 0; i < segments.size(); i++) {
            arrivalsBefore[i + 1] = arrivalsBefore[i] + segments.get(i).arrivals();
            startNanos[i + 1] = startNanos[i] + segments.get(i).durationNanos();
        }
        this.totalArrivals = (long) Math.floor(arrivalsBefore[segments.size()] + 1e-9);
    }

    /** A constant rate, reached by a linear ramp from zero (no ramp when {@code rampUpNanos} is 0). */
    public static ArrivalSchedule rampThenHold(double rate, long rampUpNanos, long holdNanos) {
        List<Segment> segments = new ArrayList<>();
        if (rampUpNanos > 0) segments.add(new Segment(rampUpNanos, 0, rate));
        segments.add(new Segment(holdNanos, rate, rate));
        return new ArrivalSchedule(segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    public long durationNanos() {
        return startNanos[segments.size()];
    }

    /** How many iterations the whole schedule starts. */
    public long totalArrivals() {
        return totalArrivals;
    }

    public double rateAt(long offsetNanos) {
        int i = segmentAt(offsetNanos);
        if (i < 0) return 0;
        Segment s = segments.get(i);
        double f = (double) (offsetNanos - startNanos[i]) / s.durationNanos();
        return s.fromRate() + (s.toRate() - s.fromRate()) * f;
    }

    /** The highest rate anywhere in the schedule. */
    public double peakRate() {
        return segments.stream().mapToDouble(s -> Math.max(s.fromRate(), s.toRate())).max().orElse(0);
    }

    /** When iteration {@code k} is due, as an offset from the start; -1 when the schedule has ended. */
    public long arrivalOffsetNanos(long k) {
        if (k < 0 || k >= totalArrivals) return -1;
        double target = k;
        int lo = 0, hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (arrivalsBefore[mid] <= target) lo = mid;
            else hi = mid - 1;
        }
        Segment s = segments.get(lo);
        double need = target - arrivalsBefore[lo];
        double seconds = s.durationNanos() / NANOS;
        double slope = (s.toRate() - s.fromRate()) / seconds;
        double t;
        if (Math.abs(slope) < 1e-12) {
            t = s.fromRate() == 0 ? 0 : need / s.fromRate();
        } else {
            // need = from*t + slope*t^2/2, solved for the root inside the segment
            double disc = s.fromRate() * s.fromRate() + 2 * slope * need;
            t = (-s.fromRate() + Math.sqrt(Math.max(0, disc))) / slope;
        }
        long offset = startNanos[lo] + Math.round(Math.min(Math.max(t, 0), seconds) * NANOS);
        return Math.min(offset, durationNanos() - 1);
    }

    private int segmentAt(long offsetNanos) {
        if (offsetNanos < 0 || offsetNanos >= durationNanos()) return -1;
        for (int i = 0; i < segments.size(); i++) {
            if (offsetNanos < startNanos[i + 1]) return i;
        }
        return -1;
    }
}
