package dlt.core.port.memory;

import dlt.core.port.RunCanceller;
import java.util.ArrayList;
import java.util.List;

/** Records every cancel it is asked for; can be told to fail, as an unreachable canceller would. */
public final class RecordingRunCanceller implements RunCanceller {

    public record Cancel(String testId, String testRunId) {
    }

    private final List<Cancel> cancels = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public synchronized void cancel(String testId, String testRunId) {
        if (failure != null) {
            throw failure;
        }
        cancels.add(new Cancel(testId, testRunId));
    }

    public synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public synchronized List<Cancel> cancels() {
        return List.copyOf(cancels);
    }
}
