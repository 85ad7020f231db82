package dlt.livedata;

import dlt.aws.priming.HandlerPriming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.iot.IotLivePublisher;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The real-time-data-publisher function: subscribed to the workers' log groups (filter: live lines),
 * it publishes each delivery's live lines, merged per region and second, on IoT topic {@code dlt/{testId}}.
 * A delivery that cannot be decoded is logged and dropped: throwing would only make CloudWatch deliver it
 * again, undecodable again.
 */
public final class LiveDataHandler implements RequestHandler<CloudWatchLogsEvent, Void> {

    private static final System.Logger LOG = System.getLogger(LiveDataHandler.class.getName());

    private final PublishLiveData publishLiveData;

    // SnapStart: one pass with a synthetic event before the snapshot (HandlerPriming: no side effects on AWS)
    private final HandlerPriming priming = HandlerPriming.register(() -> handle(new CloudWatchLogsEvent()
            .withAwsLogs(new CloudWatchLogsEvent.AWSLogs().withData(HandlerPriming.logsDelivery()))));

    /** For tests and the local platform. */
    public LiveDataHandler(PublishLiveData publishLiveData) {
        this.publishLiveData = publishLiveData;
    }

    /** For the Lambda runtime: the IoT data client wired from the environment, once. */
    public LiveDataHandler() {
        this(wire());
    }

    private static PublishLiveData wire() {
        LiveDataSettings settings = LiveDataSettings.fromEnvironment();
        AwsSettings aws = AwsSettings.fromEnvironment();
        // a regional stack's publisher publishes to the main region's endpoint: requests are signed for its region
        String iotRegion = settings.iotRegion().orElse(aws.region());
        AwsClients clients = new AwsClients(new AwsSettings(iotRegion, aws.endpointOverride(), aws.serviceEndpoints(),
                aws.staticCredentials(), null, null, null, null, null, null)
                .withEndpoint(AwsService.IOT_DATA, settings.iotEndpoint()));
        return new PublishLiveData(new IotLivePublisher(clients.iotData()), settings);
    }

    /** Nothing is answered: CloudWatch Logs invokes the function asynchronously. */
    @Override
    public Void handleRequest(CloudWatchLogsEvent event, Context context) {
        handle(event);
        return null;
    }

    /** What {@link #handleRequest} does, saying what became of the delivery. */
    public PublishLiveData.Result handle(CloudWatchLogsEvent event) {
        String data = event == null || event.getAwsLogs() == null ? null : event.getAwsLogs().getData();
        LogsSubscription.Batch batch;
        try {
            batch = LogsSubscription.decode(data);
        } catch (LogsSubscription.MalformedDataException e) {
            LOG.log(Level.WARNING, "a log subscription delivery was dropped: {0}", e.getMessage());
            return PublishLiveData.Result.EMPTY;
        }
        if (!batch.isData()) {
            return PublishLiveData.Result.EMPTY;
        }
        List<String> lines = batch.logEvents().stream()
                .map(LogsSubscription.LogEvent::message).filter(m -> m != null).toList();
        PublishLiveData.Result result = publishLiveData.publish(lines);
        LOG.log(result.failed() > 0 ? Level.WARNING : Level.DEBUG,
                "live data from {0} {1}: {2} lines, {3} live, {4} points, {5} messages, {6} refused",
                batch.logGroup(), batch.logStream(), result.lines(), result.liveLines(), result.points(),
                result.messages(), result.failed());
        return result;
    }
}
