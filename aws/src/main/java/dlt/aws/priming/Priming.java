package dlt.aws.priming;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * SnapStart priming: before the snapshot, make one harmless call through an adapter's client, so the
 * classes, marshallers and TLS code of that path are loaded and initialised in the snapshot and the
 * first real request does not pay for them. Outside SnapStart (tests, the local platform) registering
 * is a no-op.
 *
 * <p>The JVM's CRaC context may hold resources weakly: the adapter keeps the returned resource in a field.
 */
public final class Priming implements Resource {

    private final String name;
    private final Runnable harmlessCall;

    private Priming(String name, Runnable harmlessCall) {
        this.name = name;
        this.harmlessCall = harmlessCall;
    }

    /** Registers {@code harmlessCall} to run before a checkpoint; returns the resource for the caller to keep. */
    public static Priming register(String name, Runnable harmlessCall) {
        Priming priming = new Priming(name, harmlessCall);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs the call now; what {@link #beforeCheckpoint} does. */
    public void prime() {
        try {
            harmlessCall.run();
        } catch (SdkException e) {
            // a failed priming call only costs the first request its warm-up; it must not fail the snapshot
            // (and with it the deployment) when, say, a table is briefly throttled
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing captured before the snapshot goes stale: clients resolve credentials and time per call
    }
}
