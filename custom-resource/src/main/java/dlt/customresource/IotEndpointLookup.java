package dlt.customresource;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Custom::IotEndpoint}: the account's IoT data endpoint ({@code xxx-ats.iot.REGION.amazonaws.com}),
 * as attribute {@code Address}, for the live-data publishers and the console.
 */
public final class IotEndpointLookup implements CustomResource {

    private final Supplier<String> dataEndpoint;

    public IotEndpointLookup(Supplier<String> dataEndpoint) {
        this.dataEndpoint = dataEndpoint;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        String address = dataEndpoint.get();
        return new Outcome(address, Map.of("Address", address));
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        // nothing was created
    }
}
