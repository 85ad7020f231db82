package dlt.loadtester.script;

import dlt.loadtester.engine.ErrorKind;
import dlt.loadtester.engine.SampleRecorder;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;

/**
 * Added at the top of the plan, so JMeter tells it about every sample of every thread group (one
 * shared instance: {@link NoThreadClone}). Each sample goes to the recorder under its sampler's label.
 * JMeter measures whole milliseconds; they are recorded as microseconds, exactly.
 */
final class JMeterSampleListener extends AbstractTestElement implements SampleListener, NoThreadClone {
    private static final long serialVersionUID = 1L;

    private final transient SampleRecorder recorder;

    JMeterSampleListener(SampleRecorder recorder) {
        this.recorder = recorder;
        setName("dlt recorder");
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        SampleResult r = event.getResult();
        int status = status(r.getResponseCode());
        ErrorKind error = r.isSuccessful() ? null : ScriptErrors.classify(status, r.getResponseCode() + " " + r.getResponseMessage());
        recorder.activeUsers(r.getAllThreads());
        long connect = r.getConnectTime() > 0 ? r.getConnectTime() * 1000 : -1;
        long firstByte = r.getLatency() > 0 ? r.getLatency() * 1000 : -1;
        recorder.record(r.getSampleLabel(), status, error, r.getSentBytes(), r.getBytesAsLong(), r.getTime() * 1000,
                connect, firstByte);
    }

    @Override
    public void sampleStarted(SampleEvent event) {
    }

    @Override
    public void sampleStopped(SampleEvent event) {
    }

    /** HTTP samplers give a number; others give text ("Non HTTP response code: ...") or nothing. */
    private static int status(String code) {
        if (code == null || code.length() != 3) return 0;
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
