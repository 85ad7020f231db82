package dlt.loadtester.plan;

/** How load is applied: a fixed population of virtual users (closed) or a schedule of arrivals (open). */
public sealed interface LoadModel {

    /** Total planned length of the measured window, in nanoseconds. */
    long durationNanos();

    /**
     * Closed model: {@code users} virtual users started evenly over {@code rampUpNanos}, then all of them
     * running until the end; each waits {@code thinkTimeNanos} after every request it completes.
     */
    record Closed(int users, long rampUpNanos, long holdForNanos, long thinkTimeNanos) implements LoadModel {
        public Closed {
            if (users < 1) throw new IllegalArgumentException("users must be at least 1");
            if (rampUpNanos < 0 || holdForNanos <= 0 || thinkTimeNanos < 0) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }

        @Override
        public long durationNanos() {
            return rampUpNanos + holdForNanos;
        }

        /** When user {@code index} (0-based) starts, relative to the start of the window. */
        public long startOffsetNanos(int index) {
            if (rampUpNanos == 0 || users == 1) return 0;
            return Math.round((double) rampUpNanos * index / users);
        }

        /** How many users are running {@code offsetNanos} into the window. */
        public int usersAt(long offsetNanos) {
            if (offsetNanos < 0) return 0;
            if (rampUpNanos == 0 || offsetNanos >= rampUpNanos) return users;
            return (int) Math.min(users, (long) Math.floor((double) offsetNanos * users / rampUpNanos) + 1);
        }
    }

    /**
     * Open model: iterations start on the schedule whatever the target does; at most
     * {@code maxInFlight} run at once, later ones wait (counted late) or, past the queue, are dropped.
     */
    record Open(ArrivalSchedule schedule, int maxInFlight, long thinkTimeNanos) implements LoadModel {
        public Open {
            if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be at least 1");
        }

        @Override
        public long durationNanos() {
            return schedule.durationNanos();
        }
    }
}
