package dlt.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dlt.core.validation.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** What a request expects of its response ({@code checks}) and takes from it ({@code extract}). */
final class ResponseRules {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ResponseRules() {
    }

    static Checks readChecks(JsonNode node, String path, Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        List<Integer> statuses = new ArrayList<>();
        ArrayNode statusNodes = fields.array("status");
        if (statusNodes != null) {
            if (statusNodes.isEmpty()) {
                fields.violation("status", "at least 1 item", "needs at least one status code when given");
            }
            for (int i = 0; i < statusNodes.size(); i++) {
                Integer status = FieldReader.wholeNumber(statusNodes.get(i), fields.pathOf("status") + "[" + i + "]",
                        100, 599, violations);
                if (status != null) {
                    statuses.add(status);
                }
            }
        }
        String bodyContains = fields.string("bodyContains");
        if (bodyContains != null && bodyContains.isEmpty()) {
            fields.violation("bodyContains", "not empty", "must not be empty");
        }
        fields.refuseUnknown();
        return new Checks(statuses, bodyContains);
    }

    static Map<String, Extract> readExtracts(JsonNode node, String path, Violations violations) {
        Map<String, Extract> extracts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            String namePath = FieldReader.join(path, name);
            if (name.length() > 64 || !VARIABLE_NAME.matcher(name).matches()) {
                violations.add(namePath, "name [A-Za-z_][A-Za-z0-9_]*",
                        "must be a variable name: a letter or _, then letters, digits or _ (at most 64)");
            }
            extracts.put(name, readExtract(entry.getValue(), namePath, violations));
        }
        return extracts;
    }

    private static Extract readExtract(JsonNode node, String path, Violations violations) {
        FieldReader fields = FieldReader.of(node, path, violations);
        String regex = fields.string("regex");
        String header = fields.string("header");
        if (fields.has("regex") == fields.has("header")) {
            fields.violation(null, "exactly one of regex|header", "must give either regex or header, not both or neither");
        }
        if (regex != null) {
            checkRegex(fields, regex);
        }
        if (header != null && !RequestRules.HEADER_NAME.matcher(header).matches()) {
            fields.violation("header", "header name", "is not a valid header name");
        }
        fields.refuseUnknown();
        return new Extract(regex, header);
    }

    private static void checkRegex(FieldReader fields, String regex) {
        try {
            if (Pattern.compile(regex).matcher("").groupCount() < 1) {
                fields.violation("regex", "capture group", "needs a capture group ( ) around the value to extract");
            }
        } catch (PatternSyntaxException e) {
            fields.violation("regex", "regex", "is not a valid regular expression: " + e.getDescription());
        }
    }
}
