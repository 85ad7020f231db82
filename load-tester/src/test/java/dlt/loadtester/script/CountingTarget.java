package dlt.loadtester.script;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server for script tests that counts what it was asked: requests per path and the
 * values of the {@code user} query parameter. {@code /item/404} answers 404; {@code /slow} waits
 * {@code delayMillis}; everything else answers 200 at once.
 */
public final class CountingTarget implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, AtomicLong> paths = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> users = new ConcurrentHashMap<>();
    private final long delayMillis;

    private CountingTarget(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static CountingTarget start(long delayMillis) throws IOException {
        return new CountingTarget(delayMillis);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public long requests(String path) {
        AtomicLong n = paths.get(path);
        return n == null ? 0 : n.get();
    }

    public long requestsStartingWith(String prefix) {
        return paths.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
    }

    public Map<String, AtomicLong> users() {
        return users;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        String query = exchange.getRequestURI().getQuery();
        if (query != null && query.startsWith("user=")) users.computeIfAbsent(query.substring(5), u -> new AtomicLong()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (path.equals("/slow")) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(path.equals("/item/404") ? 404 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
