package dlt.core.scenario;

/** How many tasks run in one region, each with {@code concurrency} virtual users. */
public record TaskConfig(String region, int taskCount, int concurrency) {

    public long totalUsers() {
        return (long) taskCount * concurrency;
    }
}
