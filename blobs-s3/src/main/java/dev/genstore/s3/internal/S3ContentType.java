package dev.genstore.s3.internal;

import java.util.Map;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The content type of an object exactly as it was put. Services may rewrite the {@code Content-Type} header (s3proxy
 * drops the space in {@code text/plain; charset=utf-8}), so the given text also rides along as user metadata, which
 * every S3-compatible service returns byte for byte; the header is the fallback for objects put by something else.
 */
public final class S3ContentType {
    /** The user-metadata name (sent as {@code x-amz-meta-genstore-content-type}). */
    static final String METADATA = "genstore-content-type";

    private S3ContentType() {
    }

    /** The user metadata that keeps {@code contentType} of a put. */
    public static Map<String, String> metadata(String contentType) {
        return Map.of(METADATA, contentType);
    }

    /** The content type of the object a HEAD described. */
    public static String of(HeadObjectResponse head) {
        String kept = head.metadata().get(METADATA);
        if (kept != null) {
            return kept;
        }
        return head.contentType() == null ? "application/octet-stream" : head.contentType();
    }
}
