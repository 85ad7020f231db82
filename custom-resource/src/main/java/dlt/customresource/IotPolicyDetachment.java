package dlt.customresource;

import java.util.List;

/**
 * {@code Custom::DetachIotPolicy}: on delete, detaches the console's IoT policy (property {@code PolicyName})
 * from every identity it was attached to; CloudFormation cannot delete an attached policy.
 */
public final class IotPolicyDetachment implements CustomResource {

    /** IoT's policy targets. */
    public interface PolicyTargets {
        List<String> targets(String policyName);

        void detach(String policyName, String target);
    }

    private final PolicyTargets iot;

    public IotPolicyDetachment(PolicyTargets iot) {
        this.iot = iot;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        return Outcome.of(request.required("PolicyName"));
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        String policy = request.optional("PolicyName", null);
        if (policy == null) {
            return;
        }
        for (String target : iot.targets(policy)) {
            iot.detach(policy, target);
        }
    }
}
