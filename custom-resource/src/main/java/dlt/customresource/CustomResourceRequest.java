package dlt.customresource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A CloudFormation custom resource request, as CloudFormation sends it.
 *
 * @param properties    {@code ResourceProperties} (strings, lists and objects as the template gives them)
 * @param oldProperties {@code OldResourceProperties} on update, else an empty object
 */
public record CustomResourceRequest(String requestType, String responseUrl, String stackId, String requestId,
                                    String resourceType, String logicalResourceId, String physicalResourceId,
                                    JsonNode properties, JsonNode oldProperties) {

    /** A property the resource cannot do without. */
    public String required(String name) {
        JsonNode value = properties.get(name);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(resourceType + " needs the property " + name);
        }
        return value.asText();
    }

    public String optional(String name, String fallback) {
        JsonNode value = properties.get(name);
        return value == null || !value.isValueNode() || value.asText().isBlank() ? fallback : value.asText();
    }

    public List<String> strings(String name) {
        JsonNode value = properties.get(name);
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(v -> values.add(v.asText()));
        } else if (value != null && value.isTextual()) {
            for (String part : value.asText().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    /** The physical id CloudFormation knows, or a fallback (create has none yet). */
    public String physicalIdOr(String fallback) {
        return physicalResourceId == null || physicalResourceId.isBlank() ? fallback : physicalResourceId;
    }
}
