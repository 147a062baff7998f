package dev.genstore.s3;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.s3.internal.S3Clients;
import dev.genstore.s3.internal.S3ContentType;
import dev.genstore.s3.internal.S3Failures;
import dev.genstore.s3.internal.ObjectUpload;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link BlobStore} in a bucket of an S3-compatible service (AWS S3, Cloudflare R2, MinIO, …), on the AWS SDK for
 * Java v2. Build one with {@link #builder()}; close it when done (it holds the HTTP client). Blob key {@code k} is the
 * object {@code {keyPrefix}k} in the bucket, so several stores (or other data) can share a bucket.
 *
 * <p>It keeps {@link BlobStore}'s promises as the directory store does: a put is all-or-nothing (a single PUT, or a
 * multipart upload that is completed only once every part is up and aborted when anything fails, so a failed put
 * leaves no object and a failed replace keeps the old one); a stream of unknown length goes up in parts of
 * {@link Builder#partSize(int)} bytes, so only one part is ever held in memory; listings are in ascending key order in
 * keyset pages; the content type given to a put is what {@link #info} and {@link #list} report.
 *
 * <p>Failures: network errors, throttling ({@code 503 SlowDown}) and other 5xx answers are retried with backoff by the
 * SDK ({@link Builder#maxAttempts(int)} attempts in all), then thrown as {@link StorageException} whose
 * {@link StorageException#retryable()} is true; a refused request (403: wrong credentials, clock skew, no permission),
 * a missing bucket and other client errors are a {@link StorageException} that is not retryable and says which; a
 * missing blob is {@link NotFoundException} from {@link #get} and empty from {@link #info}.
 *
 * <p>Costs: {@link #delete} asks whether the object exists first (S3 does not say), and {@link #list} asks each listed
 * object's content type (a listing carries none): one request per item.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    /** The longest expiry a presigned URL may have (SigV4's limit). */
    public static final Duration MAX_URL_EXPIRY = Duration.ofDays(7);

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final String keyPrefix;
    private final int partSize;

    S3BlobStore(S3Client client, S3Presigner presigner, String bucket, String keyPrefix, int partSize) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.partSize = partSize;
    }

    /** Settings for a new store; {@code bucket} and {@code region} are required, the rest have defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bucket the blobs are in. */
    public String bucket() {
        return bucket;
    }

    /** What every object name of this store starts with: empty, or segments ending in {@code /}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public BlobInfo put(String key, byte[] content, String contentType) {
        checkPut(key, content, contentType);
        new ObjectUpload(client, bucket, keyPrefix + key, contentType, partSize).upload(content);
        return new BlobInfo(key, contentType, content.length);
    }

    @Override
    public BlobInfo put(String key, InputStream content, String contentType) {
        checkPut(key, content, contentType);
        long size = new ObjectUpload(client, bucket, keyPrefix + key, contentType, partSize).upload(content);
        return new BlobInfo(key, contentType, size);
    }

    @Override
    public InputStream get(String key) {
        BlobKeys.requireValid(key);
        try {
            return client.getObject(b -> b.bucket(bucket).key(keyPrefix + key));
        } catch (SdkException e) {
            if (S3Failures.isMissingObject(e)) {
                throw new NotFoundException("blob", key);
            }
            throw S3Failures.translate(e, "get", bucket, keyPrefix + key);
        }
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        BlobKeys.requireValid(key);
        return head(key);
    }

    @Override
    public boolean delete(String key) {
        BlobKeys.requireValid(key);
        if (head(key).isEmpty()) {
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(bucket).key(keyPrefix + key));
        } catch (SdkException e) {
            throw S3Failures.translate(e, "delete", bucket, keyPrefix + key);
        }
        return true;
    }

    @Override
    public Page<BlobInfo> list(String prefix, PageRequest page) {
        BlobKeys.requireValidPrefix(prefix);
        if (page == null) {
            throw new InvalidInputException("page", "must not be null");
        }
        String after = page.after() == null ? null : BlobKeys.decodeCursor(page.after());
        List<String> keys = keysAfter(prefix, after, page.size() + 1);
        List<BlobInfo> infos = new ArrayList<>();
        for (String key : keys.subList(0, Math.min(page.size(), keys.size()))) {
            head(key).ifPresent(infos::add); // a blob deleted meanwhile is left out
        }
        if (keys.size() <= page.size()) {
            return new Page<>(infos, null);
        }
        return new Page<>(infos, BlobKeys.encodeCursor(keys.get(page.size() - 1)));
    }

    /**
     * A URL that lets whoever holds it GET the blob until it expires, signed with this store's credentials (AWS
     * Signature V4 in the query string); the service checks the signature and the expiry. Nothing is checked for the
     * blob's existence: a URL for a missing blob answers 404.
     *
     * @param expiry how long the URL works: 1 second to {@link #MAX_URL_EXPIRY}
     * @throws InvalidInputException naming {@code key} or {@code expiry} when not valid
     * @throws StorageException      when the SDK cannot sign (no credentials it can load, say)
     */
    public URI presignedGet(String key, Duration expiry) {
        BlobKeys.requireValid(key);
        checkExpiry(expiry);
        try {
            return presigner.presignGetObject(r -> r.signatureDuration(expiry)
                    .getObjectRequest(g -> g.bucket(bucket).key(keyPrefix + key))).url().toURI();
        } catch (SdkException e) {
            throw S3Failures.translate(e, "presign a GET of", bucket, keyPrefix + key);
        } catch (java.net.URISyntaxException e) {
            throw invalidUrl(e);
        }
    }

    /**
     * A URL that lets whoever holds it PUT the blob (a browser's direct upload) until it expires. The upload must send
     * the header {@code Content-Type: contentType} exactly (it is part of the signature). An upload made this way skips
     * genstore: no row names the blob until the application records it.
     *
     * @throws InvalidInputException naming {@code key}, {@code contentType} or {@code expiry} when not valid
     * @throws StorageException      when the SDK cannot sign (no credentials it can load, say)
     */
    public URI presignedPut(String key, String contentType, Duration expiry) {
        BlobKeys.requireValid(key);
        BlobKeys.requireValidContentType(contentType);
        checkExpiry(expiry);
        try {
            return presigner.presignPutObject(r -> r.signatureDuration(expiry)
                    .putObjectRequest(p -> p.bucket(bucket).key(keyPrefix + key).contentType(contentType))).url().toURI();
        } catch (SdkException e) {
            throw S3Failures.translate(e, "presign a PUT of", bucket, keyPrefix + key);
        } catch (java.net.URISyntaxException e) {
            throw invalidUrl(e);
        }
    }

    private static StorageException invalidUrl(java.net.URISyntaxException e) {
        return new StorageException("the S3 SDK presigned a URL that is not a valid URI: " + e.getMessage(), false, e);
    }

    /** Releases the HTTP client. */
    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[s3://" + bucket + "/" + keyPrefix + "]";
    }

    private Optional<BlobInfo> head(String key) {
        HeadObjectResponse head;
        try {
            head = client.headObject(b -> b.bucket(bucket).key(keyPrefix + key));
        } catch (SdkException e) {
            if (S3Failures.isMissingObject(e)) {
                return Optional.empty();
            }
            throw S3Failures.translate(e, "read", bucket, keyPrefix + key);
        }
        return Optional.of(new BlobInfo(key, S3ContentType.of(head), head.contentLength()));
    }

    /**
     * Up to {@code limit} keys under {@code prefix} after {@code after}, in order. Objects whose names are not valid
     * keys (put there by something else) are skipped.
     */
    private List<String> keysAfter(String prefix, String after, int limit) {
        List<String> keys = new ArrayList<>();
        String startAfter = after == null ? null : keyPrefix + after;
        String token = null;
        try {
            do {
                String continuation = token;
                int wanted = Math.min(1000, limit - keys.size());
                ListObjectsV2Response response = client.listObjectsV2(b -> b.bucket(bucket).prefix(keyPrefix + prefix)
                        .startAfter(continuation == null ? startAfter : null).continuationToken(continuation).maxKeys(wanted));
                for (S3Object object : response.contents()) {
                    String key = object.key().substring(keyPrefix.length());
                    if (isValidKey(key) && keys.size() < limit) {
                        keys.add(key);
                    }
                }
                token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
            } while (token != null && keys.size() < limit);
        } catch (SdkException e) {
            throw S3Failures.translate(e, "list", bucket, keyPrefix + prefix);
        }
        return keys;
    }

    private static boolean isValidKey(String key) {
        try {
            BlobKeys.requireValid(key);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static void checkPut(String key, Object content, String contentType) {
        BlobKeys.requireValid(key);
        if (content == null) {
            throw new InvalidInputException("content", "must not be null");
        }
        BlobKeys.requireValidContentType(contentType);
    }

    private static void checkExpiry(Duration expiry) {
        if (expiry == null || expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_URL_EXPIRY) > 0) {
            throw new InvalidInputException("expiry", "must be 1 second to 7 days, was " + expiry);
        }
    }

    /**
     * Settings of an {@link S3BlobStore}: {@link #bucket} and {@link #region} are required. The credentials default to
     * the SDK's default chain (environment variables {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, system
     * properties, profile files, container and instance roles). Secrets are never part of a message or a
     * {@code toString}.
     */
    public static final class Builder {
        /** The smallest part S3 accepts (except the last one of an upload). */
        public static final int MIN_PART_SIZE = 5 << 20;

        private URI endpoint;
        private String region;
        private String bucket;
        private String keyPrefix = "";
        private AwsCredentialsProvider credentials;
        private boolean pathStyle;
        private int partSize = 8 << 20;
        private int maxAttempts = 4;
        private Duration timeout = Duration.ofSeconds(30);

        Builder() {
        }

        /**
         * The service's address, e.g. {@code https://<account>.r2.cloudflarestorage.com} or {@code http://localhost:9000}
         * for MinIO. Leave it unset for AWS S3 (the SDK derives it from the region).
         */
        public Builder endpoint(URI endpoint) {
            if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null
                    || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
                throw new InvalidInputException("endpoint", "must be an http or https URL, was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /** The region: e.g. {@code eu-west-1} on AWS, {@code auto} on Cloudflare R2, {@code us-east-1} on MinIO. */
        public Builder region(String region) {
            if (region == null || !region.matches("[a-z0-9-]{1,64}")) {
                throw new InvalidInputException("region", "must be a region name like eu-west-1 or auto, was " + region);
            }
            this.region = region;
            return this;
        }

        /** The bucket; it must exist (genstore does not create buckets). */
        public Builder bucket(String bucket) {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new InvalidInputException("bucket", "must be an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-'), was " + bucket);
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * What every object name of the store starts with, e.g. {@code apps/studio} (a {@code /} is added). Empty by
         * default: blob keys are the object names.
         */
        public Builder keyPrefix(String keyPrefix) {
            BlobKeys.requireValidPrefix(keyPrefix);
            this.keyPrefix = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
            return this;
        }

        /** Where the access key comes from; the SDK's default chain when not set. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            if (credentials == null) {
                throw new InvalidInputException("credentials", "must not be null");
            }
            this.credentials = credentials;
            return this;
        }

        /** A fixed access key id and secret (R2 and MinIO hand out such pairs). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            if (accessKeyId == null || accessKeyId.isBlank()) {
                throw new InvalidInputException("accessKeyId", "must not be blank");
            }
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new InvalidInputException("secretAccessKey", "must not be blank");
            }
            return credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        }

        /**
         * Path-style addressing ({@code endpoint/bucket/key}) instead of virtual hosts ({@code bucket.endpoint/key}):
         * needed by MinIO and most self-hosted servers; off by default (AWS and R2 take either).
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * The size of the parts a stream is uploaded in (8 MiB by default, at least {@link #MIN_PART_SIZE}): a stream
         * that ends within one part goes up in one PUT; one part is held in memory at a time.
         */
        public Builder partSize(int bytes) {
            if (bytes < MIN_PART_SIZE) {
                throw new InvalidInputException("partSize", "must be at least " + MIN_PART_SIZE + " bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** How many times a request is tried in all when it fails transiently (4 by default; 1 = no retry). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 20) {
                throw new InvalidInputException("maxAttempts", "must be 1 to 20, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** How long to wait for a connection or for the next bytes of an answer (30 s by default). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("timeout", "must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * A store with these settings. Nothing is sent to the service yet, so a wrong endpoint, bucket or credential
         * shows at the first call.
         *
         * @throws InvalidInputException naming the setting that is missing
         */
        public S3BlobStore build() {
            if (bucket == null) {
                throw new InvalidInputException("bucket", "must be set");
            }
            if (region == null) {
                throw new InvalidInputException("region", "must be set");
            }
            S3Clients clients = new S3Clients(endpoint, region, credentials, pathStyle, maxAttempts, timeout);
            return new S3BlobStore(clients.client(), clients.presigner(), bucket, keyPrefix, partSize);
        }
    }
}
