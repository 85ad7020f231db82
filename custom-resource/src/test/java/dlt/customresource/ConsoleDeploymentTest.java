package dlt.customresource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleDeploymentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final class FakeBucket implements ConsoleStore {
        final Map<String, byte[]> objects = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final List<String> emptied = new ArrayList<>();

        @Override
        public void put(String bucket, String key, byte[] body, String contentType) {
            objects.put(bucket + "/" + key, body);
            types.put(bucket + "/" + key, contentType);
        }

        @Override
        public void empty(String bucket) {
            emptied.add(bucket);
        }
    }

    static CustomResourceRequest request(String type) {
        ObjectNode properties = JSON.createObjectNode().put("Bucket", "console");
        properties.putObject("Config").put("apiBase", "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
                .put("userPoolId", "eu-west-1_x").put("auth", "cognito");
        return new CustomResourceRequest(type, "https://r", "stack", "req", "Custom::ConsoleConfig", "ConsoleConfig",
                null, properties, JSON.createObjectNode());
    }

    @Test
    void create_putsTheConsolesFilesFromTheWebuiJar_andItsConfig() throws IOException {
        FakeBucket bucket = new FakeBucket();

        new ConsoleDeployment(bucket, getClass().getClassLoader()).create(request("Create"));

        assertThat(bucket.objects).containsKeys("console/index.html", "console/app.js", "console/console-config.json");
        assertThat(new String(bucket.objects.get("console/index.html"), StandardCharsets.UTF_8)).containsIgnoringCase("<html");
        assertThat(bucket.types.get("console/index.html")).startsWith("text/html");
        JsonNode config = JSON.readTree(bucket.objects.get("console/console-config.json"));
        assertThat(config.path("apiBase").asText()).endsWith("/prod");
        assertThat(config.path("auth").asText()).isEqualTo("cognito");
    }

    @Test
    void delete_emptiesTheBucketSoTheStackCanRemoveIt() {
        FakeBucket bucket = new FakeBucket();
        new ConsoleDeployment(bucket, getClass().getClassLoader()).delete(request("Delete"));
        assertThat(bucket.emptied).containsExactly("console");
    }
}
