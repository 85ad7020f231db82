package dlt.local.asl;

import java.util.List;

/** One element of {@code Catch}; {@code resultPath} null discards the error output, keeping the input. */
record Catcher(ErrorMatcher errors, String next, List<JsonPaths.Segment> resultPath, String resultPathText) {
}
