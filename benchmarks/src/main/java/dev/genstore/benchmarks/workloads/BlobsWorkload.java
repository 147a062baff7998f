package dev.genstore.benchmarks.workloads;

import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.s3.S3BlobStore;
import dev.genstore.s3.TestS3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code blobs --backend s3}: one operation puts an object and reads it back, through {@link S3BlobStore} and through
 * a bare SDK client set up the same way (url-connection HTTP client, path style), against a local s3proxy started in
 * this JVM (the tests' {@link TestS3}); one result per object size (20 KB and 2 MB). The server shares the cores with
 * the client, so the absolute figures say little; the ratio says what genstore's checks and bookkeeping cost.
 */
public final class BlobsWorkload implements Workload {
    private static final int[] SIZES = {20 * 1024, 2 * 1024 * 1024};

    @Override
    public String name() {
        return "blobs";
    }

    @Override
    public List<String> backends() {
        return List.of("s3");
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.blobs.threads", 2);
        List<Result> results = new ArrayList<>();
        for (int size : SIZES) {
            try (BlobsTrial trial = new BlobsTrial(size, threads)) {
                String label = size < 1 << 20 ? size / 1024 + "k" : size / (1 << 20) + "m";
                results.add(new Harness(settings).run("blobs-" + label, "s3", trial));
            }
        }
        return results;
    }

    private static final class BlobsTrial implements Trial {
        private final byte[] content;
        private final int threads;
        private final S3BlobStore store = TestS3.settings().build();
        /** Set up as {@code S3BlobStore} sets up its client: checksums only where the service requires them. */
        private final S3Client bare = S3Client.builder().endpointOverride(TestS3.endpoint())
                .region(Region.of(TestS3.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        private final String barePrefix = TestS3.freshPrefix() + "/";
        private final AtomicLong genstoreKeys = new AtomicLong();
        private final AtomicLong baselineKeys = new AtomicLong();

        BlobsTrial(int size, int threads) {
            this.content = new byte[size];
            new Random(size).nextBytes(content);
            this.threads = threads;
        }

        @Override
        public int threads() {
            return threads;
        }

        /** Keys cycle over 64 names, so the server's store stays small and each put replaces an object. */
        @Override
        public Operation genstore() {
            return () -> {
                String key = "images/u1/" + (genstoreKeys.incrementAndGet() % 64) + "-bench.bin";
                store.put(key, content, "application/octet-stream");
                if (store.getBytes(key).length != content.length) {
                    throw new IllegalStateException("short read of " + key);
                }
            };
        }

        @Override
        public Operation baseline() {
            return () -> {
                String key = barePrefix + "images/u1/" + (baselineKeys.incrementAndGet() % 64) + "-bench.bin";
                bare.putObject(b -> b.bucket(TestS3.BUCKET).key(key).contentType("application/octet-stream")
                        .contentLength((long) content.length), RequestBody.fromBytes(content));
                if (bare.getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(key)).asByteArray().length != content.length) {
                    throw new IllegalStateException("short read of " + key);
                }
            };
        }

        @Override
        public void check(long genstoreOps, long baselineOps) {
            byte[] last = store.getBytes("images/u1/" + (genstoreOps % 64) + "-bench.bin");
            if (genstoreOps == 0 || baselineOps == 0 || !Arrays.equals(last, content)) {
                throw new IllegalStateException("a side did no work: " + genstoreOps + " / " + baselineOps);
            }
        }

        @Override
        public void close() {
            store.close();
            bare.close();
        }
    }
}
