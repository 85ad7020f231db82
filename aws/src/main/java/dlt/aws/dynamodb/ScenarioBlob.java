package dlt.aws.dynamodb;

import dlt.core.scenario.Scenario;
import dlt.core.scenario.ScenarioJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The full scenario as stored in an item: its JSON, gzipped, because a scenario may be up to the API's
 * 1 MB while an item holds 400 KB, and request lists compress well.
 */
final class ScenarioBlob {
    private ScenarioBlob() {
    }

    static SdkBytes of(Scenario scenario) {
        if (scenario == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(ScenarioJson.toJson(scenario).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    static Scenario read(SdkBytes blob) {
        if (blob == null) {
            return null;
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(blob.asByteArrayUnsafe()))) {
            return ScenarioJson.parse(new String(gzip.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored scenario is not readable gzip", e);
        }
    }
}
