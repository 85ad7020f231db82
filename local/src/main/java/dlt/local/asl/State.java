package dlt.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A parsed state. Paths are held as written; an explicit JSON null for {@code InputPath} or
 * {@code OutputPath} is {@code null} here ({@code {}} at run time), and {@code ResultPath} null
 * discards the result. {@code next} is null for a state with {@code End}.
 */
sealed interface State {
    String name();

    String type();

    /** Fields shared by the states that move data: InputPath, OutputPath, Next/End. */
    record Flow(JsonPaths.Path inputPath, JsonPaths.Path outputPath, String next) {
    }

    /** ResultSelector, ResultPath, Retry and Catch of a Task, Map or Parallel state. */
    record Results(PayloadTemplate resultSelector, List<JsonPaths.Segment> resultPath, String resultPathText,
                   List<Retrier> retry, List<Catcher> catchers) {
    }

    record Task(String name, Flow flow, String resource, PayloadTemplate parameters, Integer timeoutSeconds,
                JsonPaths.Path timeoutSecondsPath, Results results) implements State {
        public String type() {
            return "Task";
        }
    }

    record Pass(String name, Flow flow, PayloadTemplate parameters, JsonNode result,
                List<JsonPaths.Segment> resultPath, String resultPathText) implements State {
        public String type() {
            return "Pass";
        }
    }

    record Wait(String name, Flow flow, Integer seconds, JsonPaths.Path secondsPath, Instant timestamp,
                JsonPaths.Path timestampPath) implements State {
        public String type() {
            return "Wait";
        }
    }

    record Choice(String name, Flow flow, List<ChoiceRule> rules, List<String> nexts, String defaultNext)
            implements State {
        public String type() {
            return "Choice";
        }
    }

    record Succeed(String name, Flow flow) implements State {
        public String type() {
            return "Succeed";
        }
    }

    record Fail(String name, String error, String cause, Expression errorPath, Expression causePath)
            implements State {
        public String type() {
            return "Fail";
        }
    }

    record Map(String name, Flow flow, JsonPaths.Path itemsPath, PayloadTemplate itemSelector,
               StateGraph processor, int maxConcurrency, Results results) implements State {
        public String type() {
            return "Map";
        }
    }

    record Parallel(String name, Flow flow, PayloadTemplate parameters, List<StateGraph> branches,
                    Results results) implements State {
        public String type() {
            return "Parallel";
        }
    }
}
