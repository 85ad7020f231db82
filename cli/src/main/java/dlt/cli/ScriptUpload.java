package dlt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * {@code dlt create FILE --script S} and {@code dlt start ID --script S}: uploads a JMeter, k6 or Locust
 * script (or a zip of one) through the API's upload route, as DLT's console does, then points the
 * scenario at it ({@code testId}, {@code fileType}, the scenario's {@code script}).
 */
final class ScriptUpload {
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScriptUpload() {
    }

    /** Uploads {@code script} for {@code scenario} (a POST /scenarios body, changed in place) and returns it. */
    static ObjectNode attach(PlatformClient client, ObjectNode scenario, Path script) {
        String type = scenario.path("testType").asText("");
        if (!type.equals("jmeter") && !type.equals("k6") && !type.equals("locust")) {
            throw new UsageException("--script is for jmeter, k6 and locust scenarios; this one's testType is '" + type + "'");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(script);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + script);
        } catch (IOException e) {
            throw new UsageException("cannot read " + script + ": " + DltCommand.oneLine(e));
        }
        String name = script.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        boolean zip = extension.equals("zip");
        // the client picks the test id, so the script can be uploaded before the scenario exists (as DLT's console does)
        String testId = scenario.path("testId").asText("");
        if (testId.isEmpty()) testId = newTestId();
        ObjectNode request = PlatformClient.JSON.createObjectNode().put("fileName", name).put("testType", type);
        JsonNode presigned = client.post("/scenarios/" + PlatformClient.segment(testId) + "/upload-url", request.toString());
        client.upload(presigned.path("url").asText(), content, zip ? "application/zip" : "application/octet-stream");
        scenario.put("testId", testId);
        scenario.put("fileType", zip ? "zip" : "script");
        String scenarioName = scenario.path("testScenario").path("execution").path(0).path("scenario").asText("");
        JsonNode definitions = scenario.path("testScenario").path("scenarios");
        if (scenarioName.isEmpty() || !(definitions instanceof ObjectNode named)) {
            throw new UsageException("the scenario needs testScenario.execution[0].scenario and testScenario.scenarios to attach a script to");
        }
        named.set(scenarioName, PlatformClient.JSON.createObjectNode().put("script", testId + "." + extension));
        return scenario;
    }

    private static String newTestId() {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        return id.toString();
    }
}
