package dlt.aws.priming;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of a whole handler: before the snapshot, one pass through {@code handleRequest} with a
 * synthetic event, so Jackson's mappers of the handler's types, the handler's own classes and the SDK calls
 * on its first path are loaded and initialised in the snapshot (the adapters' {@link Priming} warms their
 * clients too). The synthetic run ({@value #TEST_ID}) exists in no table: every state machine handler stops
 * at its first read (not found), so a pass never writes anything. A failing pass is expected and ignored.
 * Outside SnapStart (tests, the local platform) registering is a no-op.
 *
 * <p>The handler keeps the returned resource in a field: the JVM's CRaC context may hold it weakly.
 */
public final class HandlerPriming implements Resource {

    /** The id of the synthetic run a priming pass asks about. */
    public static final String TEST_ID = "dlt-priming";

    /** One call of the handler with a synthetic event. */
    @FunctionalInterface
    public interface Pass {
        void run() throws Exception;
    }

    private final Pass pass;

    private HandlerPriming(Pass pass) {
        this.pass = pass;
    }

    /** Registers {@code pass} to run before a checkpoint. */
    public static HandlerPriming register(Pass pass) {
        HandlerPriming priming = new HandlerPriming(pass);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Runs the pass now; what {@link #beforeCheckpoint} does. */
    public void prime() {
        try {
            pass.run();
        } catch (Exception expected) {
            // the synthetic run is not found, or AWS is briefly unreachable: the warm-up happened either way,
            // and a priming failure must not fail the snapshot (and with it the deployment)
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing captured before the snapshot goes stale
    }

    /**
     * A state machine task's event about the synthetic run: {@code {"<kind>": "<value>", "run": {...},
     * "region": {...}}} (the state machine input of ARCHITECTURE 4 with one region); {@code kind} null leaves
     * the discriminator out.
     */
    public static byte[] workflowEvent(String kind, String value) {
        String region = "{\"region\":\"us-east-1\",\"taskCount\":1,\"concurrency\":1,\"cluster\":\"dlt-priming\","
                + "\"taskDefinition\":\"dlt-priming\",\"subnets\":[\"subnet-0\"],\"securityGroup\":\"sg-0\","
                + "\"logGroup\":\"dlt-priming\"}";
        String run = "{\"testId\":\"" + TEST_ID + "\",\"testRunId\":\"" + TEST_ID + "\",\"testType\":\"simple\","
                + "\"fileType\":\"none\",\"showLive\":false,\"testDuration\":60,\"regions\":[" + region + "]}";
        String head = kind == null ? "" : "\"" + kind + "\":\"" + value + "\",";
        return ("{" + head + "\"run\":" + run + ",\"region\":" + region + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A CloudWatch Logs subscription delivery ({@code awslogs.data}: gzip, base64) of one worker log line that
     * is not a live line: the publisher decodes it and publishes nothing.
     */
    public static String logsDelivery() {
        String batch = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"000000000000\",\"logGroup\":\"dlt-priming\","
                + "\"logStream\":\"dlt-priming\",\"subscriptionFilters\":[\"dlt-priming\"],\"logEvents\":[{\"id\":\"0\","
                + "\"timestamp\":0,\"message\":\"dlt-priming: not a live line\"}]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(batch.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
