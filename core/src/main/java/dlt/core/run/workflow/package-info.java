/**
 * What the orchestration state machine ({@code infrastructure/statemachine/dlt.asl.json}) passes between
 * its states: one record per state's input and output, defined here once for the handlers and the local
 * platform, and the errors the handlers throw, whose class names are the error names the state machine's
 * Retry and Catch match (the Java Lambda runtime reports an uncaught exception's class name as the error).
 * Times are epoch milliseconds; durations handed to Wait states are whole seconds.
 */
package dlt.core.run.workflow;
