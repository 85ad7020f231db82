package dlt.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The scenarios bucket: run configs, uploaded scripts, start barriers, result files and reports (keys: {@link StorageKeys}). */
public interface ObjectStore {

    void put(String key, byte[] content, String contentType);

    Optional<byte[]> get(String key);

    /** The object's size in bytes, or empty when there is none. */
    OptionalLong size(String key);

    /** Keys under {@code prefix}, in key order. */
    List<String> list(String prefix);

    void delete(String key);

    void deletePrefix(String prefix);

    /** A URL a client can PUT the object to, without credentials, until {@code expiresAt}. */
    PresignedUpload presignPut(String key, String contentType, Duration validFor);

    /** A URL a client can GET the object from, without credentials, until {@code expiresAt}. */
    PresignedDownload presignGet(String key, Duration validFor);

    record PresignedUpload(String url, String key, Instant expiresAt) {
    }

    record PresignedDownload(String url, String key, Instant expiresAt) {
    }
}
