package dlt.core.run.workflow;

/** The ecr-checker's input (the run's ids, for the log) and its answer when the image is there. */
public record ImageCheck(String testId, String testRunId) {

    /** The image workers will run and where it was found ({@code ecr}, {@code public}, {@code local}). */
    public record Result(String image, String location) {
    }
}
