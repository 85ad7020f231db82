package dlt.customresource;

import java.util.List;

/**
 * A resource whose members are removed when the stack deletes it: {@code Custom::DetachIotPolicy} detaches the
 * console's IoT policy (property {@code PolicyName}) from every identity it was attached to, as CloudFormation
 * cannot delete an attached policy; {@code Custom::DeleteSchedules} deletes every schedule of the scheduled-runs
 * group (property {@code GroupName}), so no schedule outlives the API function it invokes.
 */
public final class ClearedOnDelete implements CustomResource {

    /** The members of a named container (a policy's targets, a group's schedules). */
    public interface Members {
        List<String> list(String container);

        /** Removes one; one already gone is not an error. */
        void remove(String container, String member);
    }

    private final String property;
    private final Members members;

    /** @param property the resource property naming the container, which is also its physical id */
    public ClearedOnDelete(String property, Members members) {
        this.property = property;
        this.members = members;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        return Outcome.of(request.required(property));
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        String container = request.optional(property, null);
        if (container == null) {
            return;
        }
        for (String member : members.list(container)) {
            members.remove(container, member);
        }
    }
}
