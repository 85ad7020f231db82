package dlt.loadtester.worker;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The load-tester worker process (the container command of ECS tasks, the child process of the local
 * platform): {@code java -cp <load-tester classpath> dlt.loadtester.worker.WorkerMain}. Configured by its
 * environment only ({@link dlt.core.run.WorkerContract}). Exits 0 when it did its part, 1 when it could
 * not (the reason is the last {@code dlt-worker:} line on stderr); on SIGTERM it uploads what it
 * measured before the JVM exits (with the signal's status, 143).
 */
public final class WorkerMain {
    /** ECS waits 30 s between SIGTERM and SIGKILL by default; the uploads must fit in that. */
    private static final long TERMINATION_GRACE_SECONDS = 25;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        // the SDK logs through SLF4J; without a provider SLF4J would print three lines of advice on stderr
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Clock clock = Clock.systemUTC();
        Worker worker = new Worker(System.getenv(), clock, env -> S3WorkerStore.open(env, clock), System.out, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.terminate();
            try {
                worker.awaitFinished(TERMINATION_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dlt-worker-shutdown"));
        System.exit(worker.run());
    }
}
