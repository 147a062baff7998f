package dev.genstore.s3.internal;

import dev.genstore.errors.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One put of an object. Bytes in hand go up in one PUT. A stream of unknown length: a stream that ends within the first part goes up in one PUT; a longer one in
 * a multipart upload, one part in memory at a time, completed only after the stream's end was read and every part is
 * up. Whatever fails (the caller's stream, the network, the service), the upload is aborted, so the key keeps its old
 * object or none. An abort that cannot reach the service leaves its parts to the bucket's lifecycle rule for
 * incomplete multipart uploads; they are never visible as an object.
 */
public final class ObjectUpload {
    /** S3 allows at most this many parts in one upload. */
    private static final int MAX_PARTS = 10_000;

    private final S3Client client;
    private final String bucket;
    private final String object;
    private final String contentType;
    private final int partSize;

    public ObjectUpload(S3Client client, String bucket, String object, String contentType, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.object = object;
        this.contentType = contentType;
        this.partSize = partSize;
    }

    /** Uploads {@code content} in one PUT. */
    public void upload(byte[] content) {
        try {
            client.putObject(b -> b.bucket(bucket).key(object).contentType(contentType)
                    .metadata(S3ContentType.metadata(contentType)).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw S3Failures.translate(e, "put", bucket, object);
        }
    }

    /** Uploads everything {@code content} yields (not closing it) and returns how many bytes that was. */
    public long upload(InputStream content) {
        byte[] first = readPart(content);
        if (first.length < partSize) {
            upload(first);
            return first.length;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(object).contentType(contentType)
                    .metadata(S3ContentType.metadata(contentType))).uploadId();
        } catch (SdkException e) {
            throw S3Failures.translate(e, "start a multipart upload of", bucket, object);
        }
        try {
            return uploadParts(uploadId, first, content);
        } catch (RuntimeException | Error e) {
            abort(uploadId, e);
            if (e instanceof SdkException sdk) {
                throw S3Failures.translate(sdk, "put", bucket, object);
            }
            throw e;
        }
    }

    private long uploadParts(String uploadId, byte[] first, InputStream content) {
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        byte[] part = first;
        while (part.length > 0) {
            int number = parts.size() + 1;
            if (number > MAX_PARTS) {
                throw new StorageException("cannot put s3://" + bucket + "/" + object + ": more than " + MAX_PARTS
                        + " parts of " + partSize + " bytes; use a larger part size", false, null);
            }
            byte[] body = part;
            String etag = client.uploadPart(b -> b.bucket(bucket).key(object).uploadId(uploadId).partNumber(number)
                    .contentLength((long) body.length), RequestBody.fromBytes(body)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            total += part.length;
            part = part.length < partSize ? new byte[0] : readPart(content);
        }
        client.completeMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        return total;
    }

    private byte[] readPart(InputStream content) {
        try {
            return content.readNBytes(partSize);
        } catch (IOException e) {
            throw new StorageException("cannot put s3://" + bucket + "/" + object + ": reading the content failed: " + e,
                    false, e);
        }
    }

    private void abort(String uploadId, Throwable failure) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }
}
