package dlt.livedata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveDataSettingsTest {

    @Test
    void iotRegion_isTheEndpointsRegion_soARegionalPublisherSignsForTheMainRegion() {
        LiveDataSettings settings = LiveDataSettings.fromEnvironment(
                Map.of(LiveDataSettings.IOT_ENDPOINT, "a1b2c3-ats.iot.us-east-1.amazonaws.com"));
        assertThat(settings.iotRegion()).contains("us-east-1");
    }

    @Test
    void iotRegion_isEmptyForAStandIn() {
        LiveDataSettings settings = LiveDataSettings.fromEnvironment(
                Map.of(LiveDataSettings.IOT_ENDPOINT, "http://127.0.0.1:4567"));
        assertThat(settings.iotRegion()).isEmpty();
    }
}
