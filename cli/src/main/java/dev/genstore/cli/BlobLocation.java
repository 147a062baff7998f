package dev.genstore.cli;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.s3.S3BlobStore;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Where a store's blobs are when they are not in the backend's default place: an S3-compatible bucket, named by
 * {@code --blobs s3://bucket/prefix}. The service's settings come from the config file or the environment, never from
 * the command line (where other users could read them in the process list), and never show in a message:
 * <ul>
 *   <li>{@code GENSTORE_S3_ENDPOINT} / {@code s3.endpoint}: the service's URL (else {@code AWS_ENDPOINT_URL_S3}; unset
 *       for AWS S3);</li>
 *   <li>{@code GENSTORE_S3_REGION} / {@code s3.region}: else {@code AWS_REGION}, else {@code us-east-1};</li>
 *   <li>{@code GENSTORE_S3_PATH_STYLE} / {@code s3.path-style}: {@code true} for MinIO and most self-hosted servers;</li>
 *   <li>{@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} / {@code s3.access-key-id} and
 *       {@code s3.secret-access-key}: else the AWS SDK's default chain (profiles, instance roles).</li>
 * </ul>
 */
final class BlobLocation {
    /** The config-file keys that hold S3 settings. */
    static final Set<String> CONFIG_KEYS = Set.of(
            "blobs", "s3.endpoint", "s3.region", "s3.path-style", "s3.access-key-id", "s3.secret-access-key");

    private final String bucket;
    private final String prefix;
    private final Map<String, String> settings;

    private BlobLocation(String bucket, String prefix, Map<String, String> settings) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.settings = settings;
    }

    /**
     * The bucket and prefix of {@code value} ({@code s3://bucket} or {@code s3://bucket/some/prefix}), with the S3
     * settings of {@code config} (keys {@code s3.*}, may be empty) over those of {@code env}.
     *
     * @throws CliFailure (usage) when the value is not such a URL
     */
    static BlobLocation parse(String value, Map<String, String> config, Map<String, String> env) {
        String v = value == null ? "" : value.strip();
        if (!v.startsWith("s3://") || v.length() == "s3://".length()) {
            throw new CliFailure(Exit.USAGE, "unsupported --blobs " + v + ": give s3://bucket or s3://bucket/prefix");
        }
        String rest = v.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        return new BlobLocation(bucket, prefix, Map.of(
                "endpoint", first(config.get("s3.endpoint"), env.get("GENSTORE_S3_ENDPOINT"), env.get("AWS_ENDPOINT_URL_S3")),
                "region", first(config.get("s3.region"), env.get("GENSTORE_S3_REGION"), env.get("AWS_REGION"), "us-east-1"),
                "pathStyle", first(config.get("s3.path-style"), env.get("GENSTORE_S3_PATH_STYLE"), "false"),
                "accessKeyId", first(config.get("s3.access-key-id"), env.get("AWS_ACCESS_KEY_ID")),
                "secretAccessKey", first(config.get("s3.secret-access-key"), env.get("AWS_SECRET_ACCESS_KEY"))));
    }

    /**
     * A new store on the bucket (the caller closes it). Nothing is sent yet.
     *
     * @throws CliFailure (usage) naming the setting that is not valid
     */
    S3BlobStore open() {
        try {
            S3BlobStore.Builder builder = S3BlobStore.builder().bucket(bucket).keyPrefix(prefix)
                    .region(settings.get("region"));
            String endpoint = settings.get("endpoint");
            if (!endpoint.isEmpty()) {
                builder.endpoint(URI.create(endpoint));
            }
            String pathStyle = settings.get("pathStyle");
            if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
                throw new CliFailure(Exit.USAGE, "GENSTORE_S3_PATH_STYLE (s3.path-style) must be true or false, was "
                        + pathStyle);
            }
            builder.pathStyle(Boolean.parseBoolean(pathStyle));
            String id = settings.get("accessKeyId");
            String secret = settings.get("secretAccessKey");
            if (!id.isEmpty() || !secret.isEmpty()) {
                builder.credentials(id, secret);
            }
            return builder.build();
        } catch (InvalidInputException e) {
            // The messages name the setting and, for the secret, never its value.
            throw new CliFailure(Exit.USAGE, "bad S3 setting for " + describe() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Exit.USAGE, "bad S3 endpoint for " + describe() + ": " + e.getMessage());
        }
    }

    /** The bucket, prefix and endpoint: safe for messages and reports. */
    String describe() {
        String endpoint = settings.get("endpoint");
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint.isEmpty() ? "" : " at " + endpoint);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }
}
