package dlt.local.live;

import dlt.aws.AwsClients;
import dlt.aws.AwsService;
import dlt.aws.AwsSettings;
import dlt.aws.AwsSettings.StaticCredentials;
import dlt.aws.iot.IotLivePublisher;
import dlt.livedata.LiveDataHandler;
import dlt.livedata.LiveDataSettings;
import dlt.livedata.PublishLiveData;
import dlt.local.tasks.WorkerLine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The live-data half of the local platform: the broker and IoT stand-in, the real-time-data-publisher
 * handler publishing through the unchanged SDK IoT client (endpoint overridden to the stand-in), and the
 * feed that turns the workers' stdout into subscription events for it. Give {@link #workerLines()} to the
 * process launcher.
 */
public final class LocalLive implements AutoCloseable {
    /** A topic outside {@code dlt/}, published to once at start so the first live second pays no class loading. */
    static final String WARM_UP_TOPIC = "dlt-local/ready";
    private static final StaticCredentials CREDENTIALS = new StaticCredentials("local", "local");

    /**
     * @param broker        ports of the broker and the stand-in
     * @param region        the region the IoT client is built for (any valid name)
     * @param batchInterval how often worker lines are delivered, as CloudWatch Logs batches them
     */
    public record Settings(LiveBroker.Settings broker, String region, Duration batchInterval) {
        public static Settings defaults() {
            return new Settings(LiveBroker.Settings.FREE_PORTS, "us-east-1", LocalLiveFeed.DEFAULT_INTERVAL);
        }

        public Settings withBroker(LiveBroker.Settings ports) {
            return new Settings(ports, region, batchInterval);
        }
    }

    private final LiveBroker broker;
    private final AwsClients clients;
    private final LocalLiveFeed feed;

    private LocalLive(LiveBroker broker, AwsClients clients, LocalLiveFeed feed) {
        this.broker = broker;
        this.clients = clients;
        this.feed = feed;
    }

    public static LocalLive start(Settings settings, Clock clock) {
        LiveBroker broker = LiveBroker.start(settings.broker());
        AwsClients clients = null;
        try {
            clients = new AwsClients(AwsSettings.local(settings.region(), CREDENTIALS)
                    .withEndpoint(AwsService.IOT_DATA, broker.iotEndpoint()));
            IotLivePublisher publisher = new IotLivePublisher(clients.iotData());
            publisher.publish(WARM_UP_TOPIC, "{}".getBytes(StandardCharsets.UTF_8));
            LiveDataHandler handler = new LiveDataHandler(
                    new PublishLiveData(publisher, LiveDataSettings.of(broker.iotEndpoint())));
            return new LocalLive(broker, clients, new LocalLiveFeed(handler, settings.batchInterval(), clock));
        } catch (RuntimeException e) {
            if (clients != null) {
                clients.close();
            }
            broker.close();
            throw e;
        }
    }

    /** Where the process launcher sends each worker's stdout lines. */
    public Consumer<WorkerLine> workerLines() {
        return feed;
    }

    public LiveBroker broker() {
        return broker;
    }

    /** Delivers the lines still pending, then stops the IoT client and the broker. */
    @Override
    public void close() {
        try {
            feed.close();
        } finally {
            try {
                clients.close();
            } finally {
                broker.close();
            }
        }
    }
}
