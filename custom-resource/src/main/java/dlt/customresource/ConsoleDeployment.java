package dlt.customresource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code Custom::ConsoleConfig}: puts the console (the webui module's static files, classpath folder
 * {@code webui/}) into the console bucket with {@code console-config.json}, the stack's answer to "where is
 * the API and how do I sign in" (property {@code Config}: apiBase, region, user pool and client ids, identity
 * pool id, IoT endpoint). Properties: {@code Bucket}, {@code Config}. Deleting empties the bucket.
 */
public final class ConsoleDeployment implements CustomResource {

    static final String CONFIG_KEY = "console-config.json";
    private static final String FOLDER = "webui";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2", "txt", "text/plain; charset=utf-8");

    private final ConsoleStore store;
    private final ClassLoader assets;

    public ConsoleDeployment(ConsoleStore store, ClassLoader assets) {
        this.store = store;
        this.assets = assets;
    }

    @Override
    public Outcome create(CustomResourceRequest request) {
        String bucket = request.required("Bucket");
        JsonNode config = request.properties().get("Config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(request.resourceType() + " needs the property Config (an object)");
        }
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            store.put(bucket, file.getKey(), file.getValue(), type(file.getKey()));
        }
        try {
            store.put(bucket, CONFIG_KEY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config),
                    TYPES.get("json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Outcome.of(bucket + "/" + CONFIG_KEY);
    }

    @Override
    public Outcome update(CustomResourceRequest request) {
        return create(request);
    }

    @Override
    public void delete(CustomResourceRequest request) {
        String bucket = request.optional("Bucket", null);
        if (bucket != null) {
            store.empty(bucket);
        }
    }

    /** The console's files by key (relative to {@code webui/}), read from the classpath: a folder or a jar. */
    Map<String, byte[]> files() {
        URL index = assets.getResource(FOLDER + "/index.html");
        if (index == null) {
            throw new IllegalStateException("the console is not on the classpath (no webui/index.html)");
        }
        try {
            if ("jar".equals(index.getProtocol())) {
                String jar = index.toString().substring(0, index.toString().indexOf("!/"));
                try (FileSystem fs = FileSystems.newFileSystem(URI.create(jar), Map.of())) {
                    return read(fs.getPath("/" + FOLDER));
                }
            }
            return read(Path.of(index.toURI()).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("the console's files could not be read", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the console's files could not be located: " + index, e);
        }
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(paths::add);
        }
        for (Path path : paths) {
            String key = root.relativize(path).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(path)) {
                files.put(key, in.readAllBytes());
            }
        }
        return files;
    }

    static String type(String key) {
        int dot = key.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT),
                "application/octet-stream");
    }
}
