package dlt.core.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dlt.core.validation.ValidationException;
import dlt.core.validation.Violation;
import dlt.core.validation.Violations;
import java.util.List;

/**
 * Reads and writes the scenario JSON of {@code POST /scenarios}. Reading checks every rule and
 * reports all problems together, each with its field path, as one {@link ValidationException}.
 */
public final class ScenarioJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScenarioJson() {
    }

    /**
     * @throws ValidationException listing every problem, for malformed JSON (field "", rule "valid JSON") too;
     *     nothing else is thrown for any input
     */
    public static Scenario parse(String json) {
        if (json == null || json.isBlank()) {
            throw notJson("is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw notJson(where == null ? "is not valid JSON"
                    : "is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
        }
        return parse(root);
    }

    /** @throws ValidationException listing every problem; nothing else is thrown for any input */
    public static Scenario parse(JsonNode root) {
        Violations violations = new Violations();
        Scenario scenario = ScenarioRules.read(root, violations);
        violations.throwIfAny();
        return scenario;
    }

    /**
     * The schedule fields of a body that holds nothing else but {@code otherFields} (a schedule preview),
     * checked as in a scenario; null when no schedule field is given.
     *
     * @throws ValidationException listing every problem
     */
    public static Schedule parseSchedule(JsonNode root, String... otherFields) {
        Violations violations = new Violations();
        FieldReader fields = FieldReader.of(root, "", violations);
        fields.ignore(otherFields);
        Schedule schedule = ScheduleRules.read(fields);
        fields.refuseUnknown();
        violations.throwIfAny();
        return schedule;
    }

    /** DLT's JSON for a scenario: durations as canonical text, bodies as strings; {@code parse} reads it back equal. */
    public static String toJson(Scenario scenario) {
        try {
            return MAPPER.writeValueAsString(ScenarioWriter.write(scenario));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ValidationException notJson(String problem) {
        return new ValidationException(List.of(new Violation("", "valid JSON", "the scenario " + problem)));
    }
}
