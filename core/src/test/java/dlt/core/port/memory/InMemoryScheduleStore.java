package dlt.core.port.memory;

import dlt.core.port.ScheduleStore;
import dlt.core.schedule.RunSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Keeps each test's schedule in a map; can be told to fail, as an unreachable scheduler would. */
public final class InMemoryScheduleStore implements ScheduleStore {

    private final Map<String, RunSchedule> schedules = new LinkedHashMap<>();
    private RuntimeException failure;

    @Override
    public synchronized void put(String testId, RunSchedule schedule) {
        if (failure != null) {
            throw failure;
        }
        schedules.put(testId, schedule);
    }

    @Override
    public synchronized void delete(String testId) {
        if (failure != null) {
            throw failure;
        }
        schedules.remove(testId);
    }

    public synchronized Optional<RunSchedule> find(String testId) {
        return Optional.ofNullable(schedules.get(testId));
    }

    public synchronized Map<String, RunSchedule> all() {
        return Map.copyOf(schedules);
    }

    public synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }
}
