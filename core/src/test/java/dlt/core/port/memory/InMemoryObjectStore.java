package dlt.core.port.memory;

import dlt.core.port.ObjectStore;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The scenarios bucket in memory. Presigned URLs point at {@code http://in-memory.invalid/}; a test
 * plays the client's PUT with {@link #upload(String, String, byte[])} and GET with {@link #download(String)}.
 */
public final class InMemoryObjectStore implements ObjectStore {

    private static final String URL_BASE = "http://in-memory.invalid/";

    private final TreeMap<String, StoredObject> objects = new TreeMap<>();
    private final Clock clock;

    public record StoredObject(byte[] content, String contentType) {
        public StoredObject {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    public InMemoryObjectStore() {
        this(Clock.systemUTC());
    }

    public InMemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** Every object, by key in key order, as an immutable copy. */
    public synchronized Map<String, StoredObject> snapshot() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(objects));
    }

    @Override
    public synchronized void put(String key, byte[] content, String contentType) {
        objects.put(key, new StoredObject(content, contentType));
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(StoredObject::content);
    }

    @Override
    public synchronized OptionalLong size(String key) {
        StoredObject object = objects.get(key);
        return object == null ? OptionalLong.empty() : OptionalLong.of(object.content.length);
    }

    @Override
    public synchronized List<String> list(String prefix) {
        return objects.navigableKeySet().tailSet(prefix, true).stream().takeWhile(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public synchronized void delete(String key) {
        objects.remove(key);
    }

    @Override
    public synchronized void deletePrefix(String prefix) {
        list(prefix).forEach(objects::remove);
    }

    @Override
    public PresignedUpload presignPut(String key, String contentType, Duration validFor) {
        Instant expiresAt = clock.instant().plus(validFor);
        String url = URL_BASE + key + "?expires=" + expiresAt.toEpochMilli() + "&contentType="
                + java.net.URLEncoder.encode(contentType, StandardCharsets.UTF_8);
        return new PresignedUpload(url, key, expiresAt);
    }

    @Override
    public PresignedDownload presignGet(String key, Duration validFor) {
        Instant expiresAt = clock.instant().plus(validFor);
        String url = URL_BASE + key + "?expires=" + expiresAt.toEpochMilli() + "&method=GET";
        return new PresignedDownload(url, key, expiresAt);
    }

    /** What a client GETting a presigned URL receives: status 200 with the bytes, 403 or 404. */
    public record Download(int status, byte[] body) {
        public Download {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * What S3 does when a client GETs a presigned URL: returns the object when the URL is an unexpired
     * GET signature.
     *
     * @return 200 with the bytes, 403 for an expired or non-GET URL, 404 when there is no object
     */
    public synchronized Download download(String url) {
        Map<String, String> query = signedQuery(url);
        if (query == null || !"GET".equals(query.get("method"))
                || clock.millis() > Long.parseLong(query.getOrDefault("expires", "0"))) {
            return new Download(403, new byte[0]);
        }
        StoredObject object = objects.get(URI.create(url).getPath().substring(1));
        return object == null ? new Download(404, new byte[0]) : new Download(200, object.content);
    }

    private static Map<String, String> signedQuery(String url) {
        URI uri = URI.create(url);
        if (!url.startsWith(URL_BASE) || uri.getRawQuery() == null) {
            return null;
        }
        Map<String, String> query = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

    /**
     * What S3 does when a client PUTs to a presigned URL: stores the body when the URL is unexpired and
     * the content type is the signed one.
     *
     * @return the HTTP status S3 would answer (200, or 403 for an expired or mismatched request)
     */
    public synchronized int upload(String url, String contentType, byte[] body) {
        Map<String, String> query = signedQuery(url);
        if (query == null || query.get("contentType") == null) {
            return 403;
        }
        URI uri = URI.create(url);
        boolean expired = clock.millis() > Long.parseLong(query.getOrDefault("expires", "0"));
        if (expired || !contentType.equals(query.get("contentType"))) {
            return 403;
        }
        objects.put(uri.getPath().substring(1), new StoredObject(body, contentType));
        return 200;
    }
}
