package dlt.api.usecase;

import dlt.core.port.ObjectStore.PresignedUpload;
import dlt.core.port.StorageKeys;
import dlt.core.run.StoredScenario;
import dlt.core.scenario.TestType;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /scenarios/{testId}/upload-url}: a presigned PUT for a test's script, at
 * {@code public/test-scenarios/{testType}/{testId}.{ext}}. The client picks the test id before the
 * scenario exists, as DLT's console does; the test type comes from the body, the stored scenario or
 * the file's extension, in that order.
 */
public final class UploadUrl {

    private static final int MAX_FILE_NAME = 255;

    private final Ports ports;
    private final Duration validFor;

    public UploadUrl(Ports ports, Duration validFor) {
        this.ports = ports;
        this.validFor = validFor;
    }

    /** @param testType the test type named in the request, or null */
    public PresignedUpload presign(String testId, String fileName, String testType) {
        checkFileName(fileName);
        String extension = extensionOf(fileName);
        Optional<StoredScenario> existing = ports.scenarios().find(testId);
        if (existing.isPresent() && existing.get().status().isActive()) {
            throw new ApiException(ErrorCode.TEST_RUNNING, "testId",
                    "test " + testId + " has a run in progress; upload its script once the run has ended");
        }
        TestType type = testType(testType, existing, extension);
        boolean allowed = extension.equals("zip") || type.scriptExtensions().contains("." + extension);
        if (!allowed) {
            throw ApiException.badBody("fileName", "a " + type.jsonValue() + " script must end with "
                    + String.join(", ", type.scriptExtensions()) + " or .zip");
        }
        String contentType = extension.equals("zip") ? "application/zip" : "application/octet-stream";
        return ports.objects().presignPut(StorageKeys.script(type, testId, extension), contentType, validFor);
    }

    private static TestType testType(String named, Optional<StoredScenario> existing, String extension) {
        if (named != null) {
            TestType type = TestType.fromJson(named).filter(TestType::usesScript).orElseThrow(() ->
                    ApiException.badBody("testType", "must be jmeter, k6 or locust: only those tests have scripts"));
            return type;
        }
        if (existing.isPresent() && existing.get().scenario().testType().usesScript()) {
            return existing.get().scenario().testType();
        }
        for (TestType type : TestType.values()) {
            if (type.scriptExtensions().contains("." + extension)) {
                return type;
            }
        }
        if (extension.equals("zip")) {
            throw ApiException.badBody("testType", "is needed for a .zip: say whether it holds a jmeter, k6 or "
                    + "locust test");
        }
        throw ApiException.badBody("fileName", "must end with .jmx, .js, .ts, .py or .zip");
    }

    private static void checkFileName(String name) {
        if (name.isEmpty() || name.length() > MAX_FILE_NAME) {
            throw ApiException.badBody("fileName", "must be 1 to " + MAX_FILE_NAME + " characters long");
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\' || c == ':')) {
            throw ApiException.badBody("fileName",
                    "must be a plain file name, without folders, separators or control characters");
        }
        if (name.contains("..") || name.startsWith(".") || name.endsWith(".") || !name.strip().equals(name)) {
            throw ApiException.badBody("fileName", "must be a plain file name such as test.jmx, not a path");
        }
        if (name.indexOf('.') < 0) {
            throw ApiException.badBody("fileName", "needs an extension such as .jmx, .js, .ts, .py or .zip");
        }
    }

    private static String extensionOf(String name) {
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
