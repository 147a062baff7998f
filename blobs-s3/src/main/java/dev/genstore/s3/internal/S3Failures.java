package dev.genstore.s3.internal;

import dev.genstore.errors.StorageException;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What an SDK failure means to a genstore caller. The SDK has already retried what it deems transient. */
public final class S3Failures {
    private S3Failures() {
    }

    /** True when the failure says the object is not there (HEAD answers a bare 404 without an error code). */
    public static boolean isMissingObject(SdkException e) {
        if (e instanceof NoSuchKeyException) {
            return true;
        }
        return e instanceof S3Exception s && s.statusCode() == 404 && !"NoSuchBucket".equals(code(s));
    }

    /**
     * A {@link StorageException} for a failed {@code action} on {@code s3://bucket/object}: retryable for network
     * failures, throttling and 5xx answers; not for refusals (403), a missing bucket and other client errors. The
     * message names the object and the service's answer, never a credential.
     */
    public static StorageException translate(SdkException e, String action, String bucket, String object) {
        String where = "cannot " + action + " s3://" + bucket + "/" + object + ": ";
        if (e instanceof S3Exception s) {
            int status = s.statusCode();
            String code = code(s);
            String answer = " (HTTP " + status + (code == null ? "" : " " + code) + ")";
            if (status == 403) {
                return new StorageException(where + "access denied: check the access key, its permissions on the bucket"
                        + " and the clock" + answer, false, e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new StorageException(where + "the bucket does not exist" + answer, false, e);
            }
            boolean transient_ = status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code);
            return new StorageException(where + (transient_ ? "the service is unavailable or throttling, even after retries"
                    : "the service refused the request") + answer, transient_, e);
        }
        if (e instanceof SdkClientException && causedByIo(e)) {
            return new StorageException(where + "cannot reach the service, even after retries: " + rootMessage(e), true, e);
        }
        return new StorageException(where + e.getMessage(), false, e);
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
