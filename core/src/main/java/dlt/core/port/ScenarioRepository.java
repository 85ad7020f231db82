package dlt.core.port;

import dlt.core.run.RegionResources;
import dlt.core.run.RunStatus;
import dlt.core.run.ScenarioSummary;
import dlt.core.run.StoredScenario;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The scenarios table: scenarios, and the {@code region-{name}} rows describing each region's testing resources. */
public interface ScenarioRepository {

    Optional<StoredScenario> find(String testId);

    /** Every scenario (region rows excluded), in no particular order. */
    List<StoredScenario> list();

    /** What the list of scenarios shows of each (region rows excluded), in no particular order. */
    List<ScenarioSummary> summaries();

    /** Creates or replaces the scenario row. */
    void put(StoredScenario scenario);

    /**
     * Records that run {@code testRunId} starts: status queued, lastRunId, startTime, endTime cleared,
     * totalTestRuns + 1. Conditional: two starts racing, one wins.
     *
     * @throws ConflictException when a run of this scenario is active
     * @throws NotFoundException when the scenario does not exist
     */
    StoredScenario beginRun(String testId, String testRunId, Instant startTime);

    /**
     * Sets the status the scenario shows for its run {@code testRunId}. Ignored (returns false) when the
     * scenario's latest run is another one, or when that run's terminal status is already written.
     */
    boolean updateRunStatus(String testId, String testRunId, RunStatus status, String errorReason, Instant at);

    /**
     * Sets or clears ({@code null}) when the scenario's schedule runs next, touching nothing else (a run's
     * status may be written at the same moment). Nothing happens when the scenario does not exist.
     */
    void setNextRun(String testId, Instant nextRun);

    /** Sets or clears ({@code null}) the baseline run. @throws NotFoundException when the scenario does not exist */
    void setBaseline(String testId, String baselineId);

    /** Lowers totalTestRuns after runs were deleted (never below zero). */
    void runsDeleted(String testId, int count);

    void delete(String testId);

    /** The regions with testing resources deployed. */
    List<RegionResources> regions();

    Optional<RegionResources> region(String region);

    void putRegion(RegionResources resources);
}
