package dlt.core.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;

/** What runs the load: DLT's simple HTTP requests, or a user's JMeter, k6 or Locust script. */
public enum TestType {
    SIMPLE("simple"),
    JMETER("jmeter", ".jmx"),
    K6("k6", ".js", ".ts"),
    LOCUST("locust", ".py");

    private final String jsonValue;
    private final String[] scriptExtensions;

    TestType(String jsonValue, String... scriptExtensions) {
        this.jsonValue = jsonValue;
        this.scriptExtensions = scriptExtensions;
    }

    @JsonValue
    public String jsonValue() {
        return jsonValue;
    }

    public boolean usesScript() {
        return this != SIMPLE;
    }

    /** File name endings a plain (not zipped) script of this type may have, such as ".jmx". */
    public List<String> scriptExtensions() {
        return List.of(scriptExtensions);
    }

    public static Optional<TestType> fromJson(String value) {
        for (TestType type : values()) {
            if (type.jsonValue.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
