package dlt.core.port.memory;

import dlt.core.port.ConflictException;
import dlt.core.port.NotFoundException;
import dlt.core.port.TestRunRepository;
import dlt.core.run.RunStatus;
import dlt.core.run.TestRun;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The test-runs table in memory, with the DynamoDB adapter's conditional rules and paging. */
public final class InMemoryTestRunRepository implements TestRunRepository {

    /** The GSI's order: newest start first; the run id breaks ties, as the table's sort key does. */
    private static final Comparator<TestRun> NEWEST_FIRST = Comparator
            .comparing(TestRun::startTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(TestRun::testRunId, Comparator.reverseOrder());

    private final Map<String, Map<String, TestRun>> runsByTest = new LinkedHashMap<>();

    /** Every run stored, by test and run id, as an immutable copy. */
    public record Snapshot(Map<String, Map<String, TestRun>> runs) {
        public Snapshot {
            Map<String, Map<String, TestRun>> copy = new LinkedHashMap<>();
            runs.forEach((testId, byId) -> copy.put(testId, Map.copyOf(byId)));
            runs = Map.copyOf(copy);
        }

        public int count() {
            return runs.values().stream().mapToInt(Map::size).sum();
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(runsByTest);
    }

    @Override
    public synchronized void create(TestRun run) {
        Map<String, TestRun> runs = runsByTest.computeIfAbsent(run.testId(), id -> new LinkedHashMap<>());
        if (runs.containsKey(run.testRunId())) {
            throw new ConflictException("run " + run.testRunId() + " of test " + run.testId() + " exists");
        }
        runs.put(run.testRunId(), run);
    }

    @Override
    public synchronized Optional<TestRun> find(String testId, String testRunId) {
        return Optional.ofNullable(runsByTest.getOrDefault(testId, Map.of()).get(testRunId));
    }

    @Override
    public synchronized RunPage list(String testId, RunQuery query) {
        if (query.limit() < 1 || query.limit() > 100) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
        TestRun after = query.nextToken() == null ? null : decodeToken(testId, query.nextToken());
        List<TestRun> inWindow = runsByTest.getOrDefault(testId, Map.of()).values().stream()
                .filter(run -> run.startTime() != null)
                .filter(run -> query.from() == null || !run.startTime().isBefore(query.from()))
                .filter(run -> query.to() == null || !run.startTime().isAfter(query.to()))
                .sorted(NEWEST_FIRST)
                .toList();
        int start = 0;
        while (after != null && start < inWindow.size() && NEWEST_FIRST.compare(inWindow.get(start), after) <= 0) {
            start++;
        }
        List<TestRun> page = inWindow.subList(Math.min(start, inWindow.size()),
                Math.min(start + query.limit(), inWindow.size()));
        boolean more = start + query.limit() < inWindow.size();
        return new RunPage(page, more ? encodeToken(page.get(page.size() - 1)) : null);
    }

    @Override
    public synchronized List<TestRun> listAll(String testId) {
        List<TestRun> all = new ArrayList<>(runsByTest.getOrDefault(testId, Map.of()).values());
        all.sort(NEWEST_FIRST);
        return List.copyOf(all);
    }

    @Override
    public synchronized void saveResults(TestRun run) {
        TestRun current = find(run.testId(), run.testRunId())
                .orElseThrow(() -> new NotFoundException("run " + run.testRunId() + " does not exist"));
        runsByTest.get(run.testId()).put(run.testRunId(), new TestRun(current.testId(), current.testRunId(),
                current.status(), current.startTime(), current.endTime(), current.scenario(), current.errorReason(),
                run.results(), run.summary(), run.succPercent(), run.partial(), run.missingTasks()));
    }

    @Override
    public synchronized boolean updateStatus(String testId, String testRunId, RunStatus status, String errorReason,
                                             Instant at) {
        TestRun current = find(testId, testRunId)
                .orElseThrow(() -> new NotFoundException("run " + testRunId + " of test " + testId + " does not exist"));
        if (!current.status().mayBecome(status)) {
            return false;
        }
        runsByTest.get(testId).put(testRunId, current.withStatus(status, errorReason, at));
        return true;
    }

    @Override
    public synchronized void delete(String testId, Collection<String> testRunIds) {
        Map<String, TestRun> runs = runsByTest.get(testId);
        if (runs != null) {
            testRunIds.forEach(runs::remove);
        }
    }

    @Override
    public synchronized void deleteAll(String testId) {
        runsByTest.remove(testId);
    }

    private static String encodeToken(TestRun last) {
        String key = last.testId() + "\n" + last.testRunId() + "\n" + last.startTime();
        return Base64.getUrlEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Same rule as the adapter: a token that is not ours, or is another test's, is refused. */
    private static TestRun decodeToken(String testId, String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("next_token is not a token this API gave out", e);
        }
        String[] parts = text.split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(testId) || parts[1].isEmpty()) {
            throw new IllegalArgumentException("next_token is not a token this API gave out");
        }
        try {
            // only the key fields matter: the position after which the next page starts
            return new TestRun(testId, parts[1], RunStatus.QUEUED, Instant.parse(parts[2]), null, null, null, null,
                    null, null, false, List.of());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("next_token is not a token this API gave out", e);
        }
    }
}
