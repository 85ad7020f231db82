package dlt.loadtester.script;

import dlt.loadtester.engine.SampleRecorder;

/**
 * Runs one kind of user script (JMeter, Locust, k6) with its own tool and hands every request it
 * measures to a {@link SampleRecorder}, the recorder the native engine's results come from too.
 */
public interface ScriptRunner {
    /**
     * Runs the script until it ends by itself, its time is up or {@link #stop()} is called.
     *
     * @throws ScriptFailure when the tool cannot run the script (the message says why)
     */
    void run(SampleRecorder recorder) throws InterruptedException;

    /** Ends the run soon; may be called from any thread, before or during {@link #run}. */
    void stop();

    /** How long the run is planned to last, for progress displays; 0 when the script decides. */
    long plannedNanos();

    /** One line for logs: the tool, the script and the load applied. */
    String describe();
}
