package dlt.loadtester.http;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.loadtester.plan.Endpoint;
import dlt.loadtester.plan.Step;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    @Test
    void encode_defaultHttpPort_hostWithoutPort() {
        String request = encode(step("GET", "http://example.com:80/a/b?x=1&y=2", Map.of(), null));

        assertThat(request).startsWith("GET /a/b?x=1&y=2 HTTP/1.1\r\n");
        assertThat(headerLines(request)).contains("Host: example.com");
    }

    @Test
    void encode_defaultHttpsPort_hostWithoutPort() {
        String request = encode(step("GET", "https://example.com/", Map.of(), null));

        assertThat(headerLines(request)).contains("Host: example.com");
    }

    @Test
    void encode_otherPort_hostWithPort() {
        String request = encode(step("GET", "http://127.0.0.1:8080", Map.of(), null));

        assertThat(request).startsWith("GET / HTTP/1.1\r\n");
        assertThat(headerLines(request)).contains("Host: 127.0.0.1:8080");
    }

    @Test
    void encode_httpsOnPort80_hostWithPort() {
        String request = encode(step("GET", "https://example.com:80/", Map.of(), null));

        assertThat(headerLines(request)).contains("Host: example.com:80");
    }

    @Test
    void encode_getWithoutBody_noContentLengthAndEndsWithBlankLine() {
        String request = encode(step("GET", "http://example.com/", Map.of(), null));

        assertThat(request).endsWith("\r\n\r\n");
        assertThat(request.toLowerCase()).doesNotContain("content-length");
    }

    @Test
    void encode_postWithoutBody_contentLengthZero() {
        String request = encode(step("POST", "http://example.com/", Map.of(), null));

        assertThat(headerLines(request)).contains("Content-Length: 0");
    }

    @Test
    void encode_bodyWithMultiByteCharacters_contentLengthCountsBytes() {
        String request = encode(step("PUT", "http://example.com/", Map.of(), "{\"name\":\"Zoë\"}"));

        assertThat(headerLines(request)).contains("Content-Length: 15");
        assertThat(request).endsWith("\r\n\r\n{\"name\":\"Zoë\"}");
    }

    @Test
    void encode_userHeaders_sentAndOverrideDefaults() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "virtual.example");
        headers.put("User-Agent", "mine/1");
        headers.put("X-Trace", "abc");
        String request = encode(step("GET", "http://example.com:9000/", headers, null));

        assertThat(headerLines(request)).contains("Host: virtual.example", "User-Agent: mine/1", "X-Trace: abc", "Accept: */*");
        assertThat(count(request, "Host:")).isEqualTo(1);
        assertThat(count(request, "User-Agent:")).isEqualTo(1);
    }

    @Test
    void encode_userFramingHeaders_replacedByComputedOnes() {
        Map<String, String> headers = Map.of("Content-Length", "999", "Transfer-Encoding", "chunked", "Connection", "close");
        String request = encode(step("POST", "http://example.com/", headers, "abc"));

        assertThat(headerLines(request)).contains("Content-Length: 3");
        assertThat(request).doesNotContain("999").doesNotContain("chunked").doesNotContain("Connection");
    }

    @Test
    void encode_variables_substitutedInPathHeadersAndBody() {
        Step step = step("POST", "http://example.com/users?id=1",
                Map.of("Authorization", "Bearer ${token}"), "{\"token\":\"${token}\",\"missing\":\"${nope}\"}");

        String request = new String(RequestEncoder.encode(step, Map.of("token", "t$1\\x")), StandardCharsets.UTF_8);

        assertThat(headerLines(request)).contains("Authorization: Bearer t$1\\x");
        String body = "{\"token\":\"t$1\\x\",\"missing\":\"\"}";
        assertThat(request).endsWith("\r\n\r\n" + body);
        assertThat(headerLines(request)).contains("Content-Length: " + body.length());
    }

    @Test
    void substitute_textWithoutReferences_unchanged() {
        assertThat(RequestEncoder.substitute("plain $text {x}", Map.of("x", "y"))).isEqualTo("plain $text {x}");
        assertThat(RequestEncoder.substitute(null, Map.of())).isNull();
        assertThat(RequestEncoder.substitute("${a}-${b}", Map.of("a", "1", "b", "2"))).isEqualTo("1-2");
    }

    static Step step(String method, String url, Map<String, String> headers, String body) {
        URI uri = URI.create(url);
        return new Step(method + " " + url, method, uri, Endpoint.of(uri), headers, body, new int[0], null, List.of());
    }

    private static String encode(Step step) {
        return new String(RequestEncoder.encode(step), StandardCharsets.UTF_8);
    }

    private static List<String> headerLines(String request) {
        String head = request.substring(0, request.indexOf("\r\n\r\n"));
        return List.of(head.split("\r\n"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
