package dlt.local.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dlt.api.ApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Turns an HTTP request under {@code /api} into the API Gateway REST proxy event the Lambda gets (method,
 * path without {@code /api}, query, headers, body, base64 when it is not UTF-8 text), runs the real
 * {@link ApiHandler}, and copies the response back. The bearer token is checked first.
 */
final class ApiBridge {
    static final String PREFIX = "/api";
    /** Above the API's own 1 MB limit, so the API answers that case itself; beyond it we refuse unread. */
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final ApiHandler api;
    private final String token;
    private final String origin;

    ApiBridge(ApiHandler api, String token, String origin) {
        this.api = api;
        this.token = token;
        this.origin = origin;
    }

    void handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath().substring(PREFIX.length());
        if (path.isEmpty()) {
            path = "/";
        }
        if (!"OPTIONS".equals(method) && !authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put("WWW-Authenticate", "Bearer");
            json(response, callback, 401, "{\"code\":\"UNAUTHORIZED\",\"message\":\"the API wants the header "
                    + "'Authorization: Bearer <token>' with the token the platform printed at start (also in local.json)\"}");
            return;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            json(response, callback, 413, "{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"the request body is over 1 MB\"}");
            return;
        }
        APIGatewayProxyResponseEvent answer = api.handleRequest(event(request, method, path, body), null);
        write(response, callback, answer);
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return ApiToken.matches(token, header.substring(7).strip());
    }

    private static APIGatewayProxyRequestEvent event(Request request, String method, String path, byte[] body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> multiHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName(), field.getValue());
            multiHeaders.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            List<String> values = field.getValues();
            if (!values.isEmpty()) {
                query.put(field.getName(), values.get(values.size() - 1));
                multiQuery.put(field.getName(), List.copyOf(values));
            }
        }
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withHeaders(new LinkedHashMap<>(headers))
                .withMultiValueHeaders(new LinkedHashMap<>(multiHeaders))
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery);
        if (body.length > 0) {
            String text = utf8(body);
            if (text != null) {
                event.withBody(text).withIsBase64Encoded(false);
            } else {
                event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
            }
        } else {
            event.withIsBase64Encoded(false);
        }
        return event;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void write(Response response, Callback callback, APIGatewayProxyResponseEvent answer) {
        response.setStatus(answer.getStatusCode() == null ? 200 : answer.getStatusCode());
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
        if (answer.getMultiValueHeaders() != null) {
            answer.getMultiValueHeaders().forEach((name, values) -> {
                response.getHeaders().remove(name);
                values.forEach(value -> response.getHeaders().add(name, value));
            });
        }
        // only the console's own origin may call from a browser, whatever the handler's default is
        response.getHeaders().put("Access-Control-Allow-Origin", origin);
        response.getHeaders().put("Vary", "Origin");
        if (response.getHeaders().contains("Access-Control-Allow-Methods")) {
            response.getHeaders().put("Access-Control-Allow-Headers", "Authorization, Content-Type");
        }
        String body = answer.getBody();
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(answer.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void json(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
