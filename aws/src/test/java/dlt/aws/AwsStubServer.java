package dlt.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A stand-in for an AWS endpoint on loopback: records every request and answers from canned replies,
 * chosen by the {@code X-Amz-Target} header (JSON protocols: ECS, Service Quotas, Step Functions) or by
 * the path (REST protocols: Lambda). Point a client at {@link #endpoint()} with an endpoint override.
 */
public final class AwsStubServer implements AutoCloseable {

    /** One request as the SDK sent it. */
    public record Call(String method, String path, String target, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public record Reply(int status, String body) {
        public static Reply ok(String json) {
            return new Reply(200, json);
        }

        /** An AWS JSON-protocol error, as the SDK parses it. */
        public static Reply error(int status, String type, String message) {
            return new Reply(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Function<Call, Reply>> replies = new ConcurrentHashMap<>();

    private AwsStubServer(HttpServer server) {
        this.server = server;
    }

    public static AwsStubServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsStubServer stub = new AwsStubServer(http);
            http.createContext("/", stub::handle);
            http.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("stub server did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests whose target (or, for REST APIs, path) ends with {@code operation}. */
    public AwsStubServer on(String operation, Function<Call, Reply> reply) {
        replies.put(operation, reply);
        return this;
    }

    public AwsStubServer on(String operation, Reply reply) {
        return on(operation, call -> reply);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls().stream().filter(c -> matches(c, operation)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Amz-Target"), Map.copyOf(exchange.getRequestHeaders()), body);
        synchronized (this) {
            calls.add(call);
        }
        Reply reply = replies.entrySet().stream().filter(e -> matches(call, e.getKey())).findFirst()
                .map(e -> e.getValue().apply(call))
                .orElse(Reply.error(400, "UnknownOperationException", "no canned reply"));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static boolean matches(Call call, String operation) {
        return (call.target() != null && call.target().endsWith("." + operation))
                || (call.target() == null && call.path().endsWith(operation));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
