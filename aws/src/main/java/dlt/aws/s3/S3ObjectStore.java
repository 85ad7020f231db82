package dlt.aws.s3;

import dlt.aws.priming.Priming;
import dlt.core.port.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The scenarios bucket on S3 (run configs, scripts, start barriers, results, reports). */
public final class S3ObjectStore implements ObjectStore {

    /** DeleteObjects takes at most 1,000 keys a call. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;
    private final Priming priming;

    public S3ObjectStore(S3Client s3, S3Presigner presigner, String bucket, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.clock = clock;
        this.priming = Priming.register("scenarios bucket " + bucket, () -> size("dlt-priming"));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalLong size(String key) {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            // HEAD answers have no body, so a missing key may surface as a bare 404
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void deletePrefix(String prefix) {
        List<String> keys = list(prefix);
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            keys.subList(from, Math.min(from + DELETE_BATCH, keys.size()))
                    .forEach(key -> batch.add(ObjectIdentifier.builder().key(key).build()));
            var response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IllegalStateException(response.errors().size() + " objects under " + prefix
                        + " could not be deleted (first: " + response.errors().get(0).code() + ")");
            }
        }
    }

    @Override
    public PresignedUpload presignPut(String key, String contentType, Duration validFor) {
        Instant signedAt = clock.instant();
        var presigned = presigner.presignPutObject(p -> p.signatureDuration(validFor)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType)));
        return new PresignedUpload(presigned.url().toString(), key, signedAt.plus(validFor));
    }

    @Override
    public PresignedDownload presignGet(String key, Duration validFor) {
        Instant signedAt = clock.instant();
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(validFor)
                .getObjectRequest(o -> o.bucket(bucket).key(key)));
        return new PresignedDownload(presigned.url().toString(), key, signedAt.plus(validFor));
    }

    /** Runs the priming call now (tests; what a SnapStart checkpoint does). */
    public void prime() {
        priming.prime();
    }
}
