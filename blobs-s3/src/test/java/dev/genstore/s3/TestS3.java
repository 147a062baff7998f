package dev.genstore.s3;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server of this test JVM: s3proxy (a real S3 API server, which checks SigV4 signatures and presigned URLs'
 * expiry) over an in-memory store, started once per JVM on a free local port, with one bucket. Each fresh store gets its
 * own key prefix, so tests never see each other's blobs.
 */
public final class TestS3 {
    public static final String ACCESS_KEY = "genstore-test-key";
    public static final String SECRET_KEY = "genstore-test-secret-0123456789";
    public static final String BUCKET = "genstore-test";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger STORES = new AtomicInteger();
    private static URI endpoint;

    private TestS3() {
    }

    /** The server's address, starting it (and creating {@link #BUCKET}) on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                S3Proxy server = S3Proxy.builder()
                        .blobStore(new TransientNio2BlobStore())
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .build();
                server.start();
                while (!"STARTED".equals(server.getState())) {
                    Thread.sleep(5);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is exiting
                    }
                }));
                URI started = URI.create("http://127.0.0.1:" + server.getPort());
                try (S3Client client = client(started)) {
                    client.createBucket(b -> b.bucket(BUCKET));
                }
                endpoint = started;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start s3proxy", e);
            }
        }
        return endpoint;
    }

    /** A bare SDK client of the server (path style, the test credentials). */
    public static S3Client client(URI at) {
        return S3Client.builder().endpointOverride(at).region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    /** Settings of a store on the server, under a new key prefix. */
    public static S3BlobStore.Builder settings() {
        return settings(endpoint());
    }

    /** Settings of a store reaching the server at {@code at} (a relay in front of it, say), under a new key prefix. */
    public static S3BlobStore.Builder settings(URI at) {
        return S3BlobStore.builder().endpoint(at).region(REGION).bucket(BUCKET).credentials(ACCESS_KEY, SECRET_KEY)
                .pathStyle(true).keyPrefix(freshPrefix());
    }

    /** A new, empty store (its own key prefix in the shared bucket). */
    public static S3BlobStore freshStore() {
        return settings().build();
    }

    /** A key prefix no other store of this JVM uses. */
    public static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "-" + STORES.incrementAndGet();
    }
}
