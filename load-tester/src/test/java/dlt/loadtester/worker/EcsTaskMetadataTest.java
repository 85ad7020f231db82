package dlt.loadtester.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EcsTaskMetadataTest {

    @Test
    void taskId_metadataEndpoint_isTheLastSegmentOfTheTaskArn() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v4/abc/task", exchange -> {
            byte[] body = """
                    {"Cluster": "arn:aws:ecs:us-west-2:111122223333:cluster/dlt",
                     "TaskARN": "arn:aws:ecs:us-west-2:111122223333:task/dlt/158d1c8083dd49d6b527399fd6414f5c",
                     "Family": "dlt-load-tester"}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v4/abc");

            assertThat(EcsTaskMetadata.taskId(endpoint)).isEqualTo("158d1c8083dd49d6b527399fd6414f5c");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void taskIdOf_answerWithoutArn_refused() {
        assertThatThrownBy(() -> EcsTaskMetadata.taskIdOf("{\"Family\": \"x\"}")).hasMessageContaining("TaskARN");
    }
}
