package dlt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** The dlt API over HTTP: the local platform found through {@code local.json}, or any URL and token. */
final class PlatformClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformClient(URI api, String token) {
        String base = api.toString();
        this.api = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".dlt");
    }

    /** {@code --api URL --token T} when given, else {@code local.json} in {@code --data} (default ~/.dlt). */
    static PlatformClient resolve(String api, String token, Path data) {
        if (api != null) {
            if (token == null || token.isBlank()) {
                String env = System.getenv("DLT_TOKEN");
                if (env == null || env.isBlank()) throw new UsageException("--api needs --token (or DLT_TOKEN)");
                token = env;
            }
            return new PlatformClient(URI.create(api), token);
        }
        Path file = (data != null ? data : defaultDataDir()).resolve("local.json");
        try {
            JsonNode local = JSON.readTree(Files.readString(file));
            String url = local.path("url").asText("");
            String key = token != null ? token : local.path("token").asText("");
            if (url.isEmpty() || key.isEmpty()) throw new UsageException(file + " has no url or token");
            return new PlatformClient(URI.create(url), key);
        } catch (NoSuchFileException e) {
            throw new UsageException("no local platform running (" + file + " not found): start one with "
                    + "'./dlt up', or give --api URL --token T");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    URI api() {
        return api;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, String body) {
        return send("POST", path, body);
    }

    /**
     * The body of a presigned URL the API handed out. No Authorization header: the URL carries its own
     * signature, and S3 refuses a request signed twice.
     */
    byte[] download(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the API gave a download URL that is not one: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UsageException("downloading from " + uri.getHost() + " failed: "
                    + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        if (response.statusCode() >= 300) {
            throw new UsageException("downloading from " + uri.getHost() + " answered HTTP " + response.statusCode()
                    + " (the link may have expired; try again)");
        }
        return response.body();
    }

    /** Uploads {@code content} to a presigned PUT URL the API handed out (no Authorization header, as for downloads). */
    void upload(String url, byte[] content, String contentType) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("the API gave an upload URL that is not one: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("uploading to " + uri.getHost() + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        if (response.statusCode() >= 300) {
            throw new UsageException("uploading to " + uri.getHost() + " answered HTTP " + response.statusCode());
        }
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new UsageException("the API at " + api + " does not answer (is './dlt up' running?)");
        } catch (IOException e) {
            throw new UsageException("the API at " + api + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UsageException("the API answered " + response.statusCode() + " with something not JSON");
        }
        if (response.statusCode() >= 300) {
            String message = json.path("message").asText("HTTP " + response.statusCode());
            String field = json.path("field").asText("");
            String code = json.path("code").asText("HTTP " + response.statusCode());
            throw new UsageException(code + ": " + message + (field.isEmpty() ? "" : " (" + field + ")"));
        }
        return json;
    }
}
