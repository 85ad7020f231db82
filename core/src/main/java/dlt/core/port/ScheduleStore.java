package dlt.core.port;

import dlt.core.schedule.RunSchedule;

/**
 * Where a scenario's schedule lives so that its runs start on time: EventBridge Scheduler on AWS, an
 * in-process scheduler locally. A due run reaches the API as a scheduled-run event for the test id;
 * each test has at most one schedule.
 */
public interface ScheduleStore {

    /** Creates the test's schedule, or replaces the one it has. */
    void put(String testId, RunSchedule schedule);

    /** Removes the test's schedule; nothing happens when it has none. */
    void delete(String testId);
}
