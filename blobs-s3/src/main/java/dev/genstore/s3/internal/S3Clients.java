package dev.genstore.s3.internal;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SDK client and presigner of one store, built alike from its settings.
 *
 * <p>The HTTP client is the SDK's {@code url-connection-client} (the JDK's {@code HttpURLConnection}): no further
 * dependency, and blocking calls are what {@code BlobStore} offers anyway. Checksums are computed only where the
 * service requires them: the SDK's newer default (a CRC on every upload, in headers or trailers) is refused by several
 * S3-compatible services.
 */
public final class S3Clients {
    private final S3Client client;
    private final S3Presigner presigner;

    /** Clients for these settings; {@code endpoint} and {@code credentials} may be null (the SDK's defaults). */
    public S3Clients(URI endpoint, String region, AwsCredentialsProvider credentials, boolean pathStyle, int maxAttempts,
                     Duration timeout) {
        AwsCredentialsProvider provider = credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(provider)
                .forcePathStyle(pathStyle)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()));
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(provider)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            presign.endpointOverride(endpoint);
        }
        this.client = builder.build();
        this.presigner = presign.build();
    }

    public S3Client client() {
        return client;
    }

    public S3Presigner presigner() {
        return presigner;
    }
}
