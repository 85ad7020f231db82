package dlt.customresource;

import java.util.Map;

/**
 * One kind of custom resource ({@code Custom::Name} in a template): what it does on each request.
 * Throwing fails the request; {@link CustomResourceHandler} turns that into a FAILED response with the reason.
 */
public interface CustomResource {

    Outcome create(CustomResourceRequest request);

    Outcome update(CustomResourceRequest request);

    /** Must succeed when the resource is already gone (a failed create is deleted on rollback). */
    void delete(CustomResourceRequest request);

    /**
     * What CloudFormation is told: the physical id (which, when it changes on update, makes CloudFormation
     * delete the old one) and the attributes {@code !GetAtt} reads.
     */
    record Outcome(String physicalResourceId, Map<String, String> data) {
        public Outcome {
            data = data == null ? Map.of() : Map.copyOf(data);
        }

        public static Outcome of(String physicalResourceId) {
            return new Outcome(physicalResourceId, Map.of());
        }
    }
}
