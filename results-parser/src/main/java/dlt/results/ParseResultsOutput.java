package dlt.results;

/** The results parser's answer to the state machine: the run and the terminal status it now has. */
public record ParseResultsOutput(String testId, String testRunId, String status, boolean partial) {
}
