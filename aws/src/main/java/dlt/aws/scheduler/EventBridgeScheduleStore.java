package dlt.aws.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.port.ScheduleStore;
import dlt.core.schedule.RunSchedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.RetryPolicy;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * Schedules in EventBridge Scheduler, in dlt's schedule group: each invokes the API function directly
 * (through the scheduler's role) with a {@code dlt.scheduler} event carrying the test id and the
 * scheduled time, in the user's time zone. A test has one schedule, named after it, or two when its
 * cron expression says "day of month or day of week"; a one-time schedule deletes itself once it has run.
 */
public final class EventBridgeScheduleStore implements ScheduleStore {

    /** EventBridge's limit on a schedule name. */
    static final int MAX_NAME = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where schedules go and what they invoke. */
    public record Target(String groupName, String roleArn, String functionArn) {
        public Target {
            Objects.requireNonNull(groupName, "groupName");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(functionArn, "functionArn");
        }
    }

    private final SchedulerClient scheduler;
    private final Target target;
    private final Clock clock;

    public EventBridgeScheduleStore(SchedulerClient scheduler, Target target, Clock clock) {
        this.scheduler = scheduler;
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void put(String testId, RunSchedule schedule) {
        List<SchedulerExpressions.Expression> expressions = SchedulerExpressions.of(schedule, clock.instant());
        List<String> names = names(testId);
        for (int i = 0; i < names.size(); i++) {
            if (i < expressions.size()) {
                upsert(names.get(i), testId, schedule, expressions.get(i));
            } else {
                deleteIfThere(names.get(i));
            }
        }
    }

    @Override
    public void delete(String testId) {
        names(testId).forEach(this::deleteIfThere);
    }

    private void upsert(String name, String testId, RunSchedule schedule, SchedulerExpressions.Expression expression) {
        software.amazon.awssdk.services.scheduler.model.Target invoke =
                software.amazon.awssdk.services.scheduler.model.Target.builder()
                        .arn(target.functionArn())
                        .roleArn(target.roleArn())
                        .input(input(testId))
                        // a repeated delivery is recognised by the API and starts nothing twice
                        .retryPolicy(RetryPolicy.builder().maximumRetryAttempts(2).maximumEventAgeInSeconds(300).build())
                        .build();
        FlexibleTimeWindow exact = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        String description = "dlt: runs test " + testId;
        ActionAfterCompletion after = expression.oneTime() ? ActionAfterCompletion.DELETE : ActionAfterCompletion.NONE;
        try {
            scheduler.createSchedule(CreateScheduleRequest.builder()
                    .name(name).groupName(target.groupName()).description(description)
                    .scheduleExpression(expression.expression())
                    .scheduleExpressionTimezone(schedule.zone().getId())
                    .startDate(expression.startDate()).endDate(expression.endDate())
                    .flexibleTimeWindow(exact).state(ScheduleState.ENABLED)
                    .actionAfterCompletion(after)
                    .target(invoke)
                    .build());
        } catch (ConflictException exists) {
            scheduler.updateSchedule(UpdateScheduleRequest.builder()
                    .name(name).groupName(target.groupName()).description(description)
                    .scheduleExpression(expression.expression())
                    .scheduleExpressionTimezone(schedule.zone().getId())
                    .startDate(expression.startDate()).endDate(expression.endDate())
                    .flexibleTimeWindow(exact).state(ScheduleState.ENABLED)
                    .actionAfterCompletion(after)
                    .target(invoke)
                    .build());
        }
    }

    private void deleteIfThere(String name) {
        try {
            scheduler.deleteSchedule(b -> b.name(name).groupName(target.groupName()));
        } catch (ResourceNotFoundException gone) {
            // nothing to delete
        }
    }

    /** The event the function receives; {@code <aws.scheduler.scheduled-time>} is filled in by the scheduler. */
    static String input(String testId) {
        ObjectNode node = JSON.createObjectNode()
                .put("source", "dlt.scheduler")
                .put("testId", testId)
                .put("scheduledTime", "<aws.scheduler.scheduled-time>");
        return node.toString();
    }

    /** The test's schedule names: {@code dlt-<testId>} and {@code dlt-<testId>-b}, shortened to fit 64 characters. */
    static List<String> names(String testId) {
        String base = "dlt-" + testId;
        if (base.length() + 2 > MAX_NAME) {
            base = "dlt-" + testId.substring(0, 40) + "-" + shortHash(testId);
        }
        return List.of(base, base + "-b");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
