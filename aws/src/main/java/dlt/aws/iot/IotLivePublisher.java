package dlt.aws.iot;

import dlt.core.port.LivePublisher;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/** {@link LivePublisher} on IoT Core's data plane ({@code Publish}, QoS 1), or on the local IoT stand-in. */
public final class IotLivePublisher implements LivePublisher {

    private static final int QOS_AT_LEAST_ONCE = 1;

    private final IotDataPlaneClient iot;

    public IotLivePublisher(IotDataPlaneClient iot) {
        this.iot = iot;
    }

    @Override
    public void publish(String topic, byte[] payload) {
        try {
            iot.publish(b -> b.topic(topic).qos(QOS_AT_LEAST_ONCE).payload(SdkBytes.fromByteArray(payload)));
        } catch (SdkException e) {
            throw new PublishFailedException("IoT Publish to " + topic + " failed (" + payload.length + " bytes): "
                    + e.getMessage(), e);
        }
    }
}
