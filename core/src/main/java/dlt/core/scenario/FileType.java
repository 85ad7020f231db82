package dlt.core.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** How a script test's file was uploaded: no file (simple tests), a single script, or a zip. */
public enum FileType {
    NONE("none"),
    SCRIPT("script"),
    ZIP("zip");

    private final String jsonValue;

    FileType(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    @JsonValue
    public String jsonValue() {
        return jsonValue;
    }

    public static Optional<FileType> fromJson(String value) {
        for (FileType type : values()) {
            if (type.jsonValue.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
