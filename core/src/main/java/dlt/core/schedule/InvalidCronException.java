package dlt.core.schedule;

/** A cron expression that cannot be read; the message names the field (minute, hour, ...) that is wrong. */
public final class InvalidCronException extends IllegalArgumentException {

    private final transient CronField field;

    public InvalidCronException(CronField field, String problem) {
        super(field == null ? problem : "the " + field.label() + " field " + problem);
        this.field = field;
    }

    /** The field at fault, or null when the expression as a whole is malformed. */
    public CronField field() {
        return field;
    }
}
