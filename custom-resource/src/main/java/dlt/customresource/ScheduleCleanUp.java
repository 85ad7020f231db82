package dlt.customresource;

import java.util.List;

/**
 * {@code Custom::DeleteSchedules}: on delete, deletes every schedule of the scheduled-runs group (property
 * {@code GroupName}), so no schedule outlives the API function it invokes.
 */
public final class ScheduleCleanUp implements CustomResource {

    /** The schedules of a group. */
    public interface Schedules {
        List<String> names(String group);

        void delete(String group, String name);
    }

    private final Schedules schedules;

    public ScheduleCleanUp(Schedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        return Outcome.of(request.required("GroupName"));
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        String group = request.optional("GroupName", null);
        if (group == null) {
            return;
        }
        for (String name : schedules.names(group)) {
            schedules.delete(group, name);
        }
    }
}
