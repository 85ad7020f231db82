package dlt.local.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console: static files from the classpath folder {@code /webui/} ({@code index.html} for {@code /}),
 * and {@code /console-config.json} telling it where the API and the broker are. When the console is not
 * on the classpath, {@code /} says so in one line.
 */
final class ConsoleFiles {
    static final String FOLDER = "webui/";
    static final String NOT_BUILT = "<!doctype html><title>dlt</title><p>The dlt console is not built "
            + "(no webui/index.html on the classpath); the API is at /api.</p>\n";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;
    private final String config;

    ConsoleFiles(ClassLoader loader, int mqttWebSocketPort) {
        this.loader = loader;
        this.config = "{\"apiBase\":\"/api\",\"mqttWs\":\"ws://127.0.0.1:" + mqttWebSocketPort
                + "/mqtt\",\"auth\":\"token\"}";
    }

    /** @return false when no such file (the caller answers 404) */
    boolean handle(Request request, Response response, Callback callback) throws IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getHttpURI().getDecodedPath();
        if ("/console-config.json".equals(path)) {
            send(response, callback, "application/json", config.getBytes(StandardCharsets.UTF_8), true);
            return true;
        }
        String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(1);
        if (name.contains("..") || name.contains("\\") || name.startsWith("/") || name.endsWith("/")) {
            return false;
        }
        URL resource = loader.getResource(FOLDER + name);
        if (resource == null) {
            if ("index.html".equals(name)) {
                send(response, callback, TYPES.get("html"), NOT_BUILT.getBytes(StandardCharsets.UTF_8), true);
                return true;
            }
            return false;
        }
        byte[] bytes;
        try (InputStream in = resource.openStream()) {
            bytes = in.readAllBytes();
        }
        int dot = name.lastIndexOf('.');
        String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT),
                "application/octet-stream");
        send(response, callback, type, bytes, name.endsWith(".html"));
        return true;
    }

    private static void send(Response response, Callback callback, String type, byte[] bytes, boolean noCache) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (noCache) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
