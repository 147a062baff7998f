package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.benchmarks.workloads.Statements.ImageRow;
import dev.genstore.benchmarks.workloads.Statements.JobRow;
import dev.genstore.benchmarks.workloads.Statements.VariantRow;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.NewImage;
import dev.genstore.internal.imaging.ImageProcessor;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.NewJob;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * Recording a generated image: its row, its two variant rows and its job's counter, in one transaction.
 * {@code bench.record.threads} threads (4) each record images of a random one of {@code bench.record.jobs} jobs (200,
 * each for 100,000 images, owned by {@code bench.record.users} users, 50).
 *
 * <p>genstore has no call that records an image whose variants were made elsewhere: {@code Images.store} (and
 * {@code complete}) always probe, decode and encode the content, and {@code create} records a PENDING image without
 * content, variants or counter. So genstore's side is the smallest real path: {@code store} of a 16 × 16 PNG (the
 * default policy then encodes two 16 × 16 WebP variants, no resizing), with a blob store that keeps no bytes. The
 * result line adds {@code genstore_pixels_us}: what that pixel work costs alone, per image, on one thread.
 *
 * <p>The baseline runs, in one transaction per image, the statements genstore's store runs: find the owner (the user
 * row, its roles, its identities), lock the job row, update the job, insert the image row, insert the two variant rows
 * in one batch.
 */
public final class RecordImageWorkload implements TrialWorkload {
    private static final String PROMPT = "a red fox curled up in fresh snow, golden hour, 85 mm";
    private static final String MODEL = "sdxl-1.0";
    private static final int IMAGES_PER_JOB = 100_000;

    @Override
    public String name() {
        return "record-image";
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        try (RecordTrial trial = (RecordTrial) open(backend, settings)) {
            Result result = new Harness(settings).run(name(), backend.name(), trial);
            return List.of(result.field("genstore_pixels_us", String.format(Locale.ROOT, "%.0f", pixelMicros(trial.source))));
        }
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.record.threads", 4);
        int users = Settings.intProperty("bench.record.users", 50);
        int jobs = Settings.intProperty("bench.record.jobs", 200);
        Genstore store = Genstore.builder().storage(backend.genstore("record_genstore"))
                .blobStore(new DiscardingBlobStore()).build();
        try {
            Job[] genstoreJobs = seed(store, users, jobs);
            Job[] baselineJobs;
            try (Genstore seeding = Genstore.open(backend.baselineSchema("record_baseline"))) {
                baselineJobs = seed(seeding, users, jobs);
            }
            RawDatabase raw = backend.raw("record_baseline");
            return new RecordTrial(backend, threads, store, genstoreJobs, raw, baselineJobs);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /** {@code users} users and {@code jobs} queued jobs spread over them, in one transaction. */
    private static Job[] seed(Genstore store, int users, int jobs) {
        return store.transaction(tx -> {
            UserId[] owners = new UserId[users];
            for (int i = 0; i < users; i++) {
                owners[i] = tx.accounts().create(NewUser.withEmail("artist" + i + "@bench.example.com")).id();
            }
            Job[] made = new Job[jobs];
            for (int i = 0; i < jobs; i++) {
                made[i] = tx.jobs().submit(NewJob.of(owners[i % users], PROMPT, "stability", MODEL)
                        .totalImages(IMAGES_PER_JOB));
            }
            return made;
        });
    }

    /** A 16 × 16 PNG with some structure (a gradient): the smallest content genstore's store still processes. */
    static byte[] tinyPng() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | 128);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What genstore's pixel work on {@code source} costs per image on one thread, in microseconds. */
    private static double pixelMicros(byte[] source) {
        for (int i = 0; i < 2_000; i++) {
            ImageProcessor.process(source, ImagePolicy.DEFAULT);
        }
        int runs = 5_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            ImageProcessor.process(source, ImagePolicy.DEFAULT);
        }
        return (System.nanoTime() - start) / 1e3 / runs;
    }

    private static final class RecordTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final Genstore store;
        private final Job[] genstoreJobs;
        private final RawDatabase raw;
        private final Job[] baselineJobs;
        private final Statements sql;
        private final byte[] source = tinyPng();
        private final ImageProcessor.Processed processed = ImageProcessor.process(source, ImagePolicy.DEFAULT);
        private final Ids ids = new Ids();
        private final Clock clock = Clock.systemUTC();

        RecordTrial(Backend backend, int threads, Genstore store, Job[] genstoreJobs, RawDatabase raw, Job[] baselineJobs) {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.genstoreJobs = genstoreJobs;
            this.raw = raw;
            this.baselineJobs = baselineJobs;
            this.sql = new Statements(backend);
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public Operation genstore() {
            return () -> {
                Job job = genstoreJobs[ThreadLocalRandom.current().nextInt(genstoreJobs.length)];
                store.images().store(NewImage.generated(job.owner(), PROMPT).job(job.id()).model(MODEL)
                        .seed(ThreadLocalRandom.current().nextLong(1L << 40)).tokensUsed(4), source);
            };
        }

        @Override
        public Operation baseline() {
            return () -> {
                Job job = baselineJobs[ThreadLocalRandom.current().nextInt(baselineJobs.length)];
                record(job.owner().value(), job.id().value(), ThreadLocalRandom.current().nextLong(1L << 40));
            };
        }

        /** An image of {@code job} recorded by hand, with genstore's checks: the owner exists, the job is theirs and not full. */
        private void record(UUID owner, UUID jobId, long seed) throws SQLException {
            UUID id = ids.next();
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String stem = "genstore/images/" + owner + "/" + at.toEpochMilli() + "-" + id + "-image";
            String sha256 = ImageProcessor.sha256(source);
            raw.inTransaction(c -> {
                if (!sql.findUser(c, owner)) {
                    throw new IllegalStateException("no user " + owner);
                }
                JobRow job = sql.lockJob(c, jobId);
                if (job == null || !job.owner().equals(owner)) {
                    throw new IllegalStateException("no job " + jobId + " of " + owner);
                }
                if (job.successfulImages() + job.failedImages() >= job.totalImages()) {
                    throw new IllegalStateException("job " + jobId + " already counts all of its images");
                }
                sql.updateJob(c, jobId, job.status(), false, job.successfulImages() + 1, job.failedImages(),
                        job.attempts(), job.runAfter(), job.leaseOwner(), job.leaseExpiresAt(), job.errorMessage(),
                        job.startedAt(), job.completedAt());
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                ImageRow row = new ImageRow(id, owner, jobId, PROMPT, seed, MODEL, "png", processed.width(),
                        processed.height(), source.length, sha256, stem + ".png", 4, at, now);
                sql.insertImage(c, row, List.of(
                        variant(0, stem + ".thumbnail.webp"), variant(1, stem + ".web.webp")), "{}", "{}");
                return null;
            });
        }

        private VariantRow variant(int index, String key) {
            ImageProcessor.Encoded encoded = processed.variants().get(index);
            return new VariantRow(encoded.spec().kind().name(), encoded.spec().format().name(), encoded.width(),
                    encoded.height(), encoded.bytes().length, key);
        }

        @Override
        public void check(long genstoreOps, long baselineOps) {
            check("genstore", store, genstoreJobs, genstoreOps);
            try (Genstore baseline = Genstore.open(backendBaseline())) {
                check("baseline", baseline, baselineJobs, baselineOps);
            }
        }

        private dev.genstore.spi.Storage backendBaseline() {
            try {
                return backend.baselineSchema("record_baseline");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Every counted image is a row, and its job counts it. */
        private static void check(String side, Genstore store, Job[] jobs, long images) {
            long counted = store.jobs().statistics(JobScope.all()).successfulImages();
            long rows = java.util.Arrays.stream(jobs).map(Job::owner).distinct()
                    .mapToLong(owner -> store.images().statistics(owner).totalImages()).sum();
            if (counted != images || rows != images) {
                throw new IllegalStateException(side + ": " + images + " images recorded, but the jobs count " + counted
                        + " and there are " + rows + " image rows");
            }
        }

        @Override
        public void close() throws Exception {
            try {
                raw.close();
            } finally {
                store.close();
            }
        }
    }

}
