package dev.genstore.benchmarks.workloads;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.benchmarks.workloads.Statements.ImageRow;
import dev.genstore.benchmarks.workloads.Statements.VariantRow;
import dev.genstore.images.NewImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Storing a 1024 × 1024 photo-like image with the default variants (a 256 px WebP thumbnail at quality 0.8 and a
 * 1024 px WebP web size at 0.85): genstore's {@code images().store}, which probes, decodes, makes both variants,
 * hashes, and records the rows, against the same done by hand with ImageIO, Thumbnailator and webp-imageio plus the
 * same row statements in plain JDBC. {@code bench.thumbnail.threads} threads (2: one per core); sources are
 * {@code bench.thumbnail.sources} (4) different seeded photo-like pictures (smooth light, detail at several scales,
 * strokes, sensor noise), encoded as {@code bench.thumbnail.format} ({@code jpeg} at quality 0.9, or {@code png}).
 * Blob bytes are not written on either side (a blob store that keeps nothing; the baseline drops them).
 */
public final class ThumbnailWorkload implements TrialWorkload {
    private static final String PROMPT = "a lighthouse on a cliff in a storm, oil painting";
    private static final WebPImageWriterSpi WEBP = new WebPImageWriterSpi();

    @Override
    public String name() {
        return "thumbnail";
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.thumbnail.threads", 2);
        int count = Settings.intProperty("bench.thumbnail.sources", 4);
        String format = System.getProperty("bench.thumbnail.format", "jpeg");
        if (!format.equals("jpeg") && !format.equals("png")) {
            throw new IllegalArgumentException("bench.thumbnail.format must be jpeg or png, was " + format);
        }
        byte[][] sources = new byte[count][];
        for (int i = 0; i < count; i++) {
            BufferedImage photo = photoLike(1024, 1024, 1000 + i);
            sources[i] = format.equals("jpeg") ? jpeg(photo, 0.9f) : png(photo);
        }
        Genstore store = Genstore.builder().storage(backend.genstore("thumbnail_genstore"))
                .blobStore(new DiscardingBlobStore()).build();
        try {
            UserId genstoreUser = seed(store);
            UserId baselineUser;
            try (Genstore seeding = Genstore.open(backend.baselineSchema("thumbnail_baseline"))) {
                baselineUser = seed(seeding);
            }
            RawDatabase raw = backend.raw("thumbnail_baseline");
            return new ThumbnailTrial(backend, threads, sources, format, store, genstoreUser, raw, baselineUser);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    private static UserId seed(Genstore store) {
        return store.accounts().create(NewUser.withEmail("painter@bench.example.com")).id();
    }

    private static final class ThumbnailTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final byte[][] sources;
        private final String format;
        private final Genstore store;
        private final UserId genstoreUser;
        private final RawDatabase raw;
        private final UserId baselineUser;
        private final Statements sql;
        private final Ids ids = new Ids();
        private final Clock clock = Clock.systemUTC();

        ThumbnailTrial(Backend backend, int threads, byte[][] sources, String format, Genstore store, UserId genstoreUser,
                       RawDatabase raw, UserId baselineUser) {
            this.backend = backend;
            this.threads = threads;
            this.sources = sources;
            this.format = format;
            this.store = store;
            this.genstoreUser = genstoreUser;
            this.raw = raw;
            this.baselineUser = baselineUser;
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
            return () -> store.images().store(NewImage.generated(genstoreUser, PROMPT),
                    sources[ThreadLocalRandom.current().nextInt(sources.length)]);
        }

        @Override
        public Operation baseline() {
            return () -> storeByHand(sources[ThreadLocalRandom.current().nextInt(sources.length)]);
        }

        /** Decode, a 256 px thumbnail, both WebP encodings, the hash; then the rows in one transaction. */
        private void storeByHand(byte[] content) throws IOException, SQLException {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            if (image == null) {
                throw new IllegalStateException("not an image");
            }
            BufferedImage thumbnail = Thumbnails.of(image).size(256, 256).asBufferedImage();
            byte[] thumbnailBytes = webp(thumbnail, 0.8f);
            byte[] webBytes = webp(image, 0.85f); // 1024 px already: encoded as it is, as genstore does
            String sha256 = sha256(content);
            UUID owner = baselineUser.value();
            UUID id = ids.next();
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String stem = "genstore/images/" + owner + "/" + at.toEpochMilli() + "-" + id + "-image";
            String extension = format.equals("jpeg") ? ".jpg" : ".png";
            // The blobs would be written here; like genstore's side, nothing keeps them.
            raw.inTransaction(c -> {
                if (!sql.findUser(c, owner)) {
                    throw new IllegalStateException("no user " + owner);
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                ImageRow row = new ImageRow(id, owner, null, PROMPT, null, null, format, image.getWidth(),
                        image.getHeight(), content.length, sha256, stem + extension, 0, at, now);
                sql.insertImage(c, row, List.of(
                        new VariantRow("THUMBNAIL", "WEBP", thumbnail.getWidth(), thumbnail.getHeight(),
                                thumbnailBytes.length, stem + ".thumbnail.webp"),
                        new VariantRow("WEB", "WEBP", image.getWidth(), image.getHeight(), webBytes.length,
                                stem + ".web.webp")), "{}", "{}");
                return null;
            });
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            long genstoreImages = store.images().statistics(genstoreUser).totalImages();
            long baselineImages;
            try (Genstore baseline = Genstore.open(backend.baselineSchema("thumbnail_baseline"))) {
                baselineImages = baseline.images().statistics(baselineUser).totalImages();
            }
            if (genstoreImages != genstoreOps || baselineImages != baselineOps) {
                throw new IllegalStateException("images: genstore " + genstoreImages + " of " + genstoreOps
                        + ", baseline " + baselineImages + " of " + baselineOps);
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

    static byte[] webp(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = WEBP.createWriterInstance();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Lossy");
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(output);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A photo-like picture, seeded: smooth gradients (sky, light), value noise at 96, 24 and 6 px (foliage, fabric),
     * soft shapes and a few hundred short strokes, then mild sensor-like noise. It compresses and thumbnails about as a
     * real photo does (a flat test card would flatter every encoder).
     */
    static BufferedImage photoLike(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double phase = random.nextDouble() * Math.PI;
        double scale = Math.max(width, height) / 1024.0;
        float[][] coarse = valueNoise(random, width, height, Math.max(2, (int) (96 * scale)));
        float[][] middle = valueNoise(random, width, height, Math.max(2, (int) (24 * scale)));
        float[][] fine = valueNoise(random, width, height, Math.max(2, (int) (6 * scale)));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double v = (double) y / height;
                double detail = 34 * coarse[y][x] + 22 * middle[y][x] + 14 * fine[y][x];
                int r = (int) (80 + 100 * u + 30 * Math.sin(6 * v + phase) + detail);
                int g = (int) (110 + 60 * v + 25 * Math.cos(5 * u + phase) + detail * 0.9);
                int b = (int) (150 - 70 * v + 20 * Math.sin(4 * (u + v)) + detail * 0.6);
                image.setRGB(x, y, rgb(r, g, b));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 140));
            int size = Math.max(4, Math.min(width, height) / (3 + random.nextInt(6)));
            g.fillOval(random.nextInt(width), random.nextInt(height), size, (int) (size * 0.7));
        }
        for (int i = 0; i < 600; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 170));
            g.setStroke(new BasicStroke((float) (1 + random.nextInt(3) * scale)));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int length = (int) ((6 + random.nextInt(30)) * scale);
            double angle = random.nextDouble() * Math.PI;
            g.drawLine(x, y, x + (int) (length * Math.cos(angle)), y + (int) (length * Math.sin(angle)));
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = image.getRGB(x, y);
                int n = (int) Math.round(random.nextGaussian() * 4);
                image.setRGB(x, y, rgb(((c >> 16) & 0xFF) + n, ((c >> 8) & 0xFF) + n, (c & 0xFF) + n));
            }
        }
        return image;
    }

    private static float[][] valueNoise(Random random, int width, int height, int cell) {
        int columns = width / cell + 2;
        int rows = height / cell + 2;
        float[][] grid = new float[rows][columns];
        for (float[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextFloat() * 2 - 1;
            }
        }
        float[][] noise = new float[height][width];
        for (int y = 0; y < height; y++) {
            int gy = y / cell;
            float fy = smooth((y % cell) / (float) cell);
            for (int x = 0; x < width; x++) {
                int gx = x / cell;
                float fx = smooth((x % cell) / (float) cell);
                float top = grid[gy][gx] + (grid[gy][gx + 1] - grid[gy][gx]) * fx;
                float bottom = grid[gy + 1][gx] + (grid[gy + 1][gx + 1] - grid[gy + 1][gx]) * fx;
                noise[y][x] = top + (bottom - top) * fy;
            }
        }
        return noise;
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }

    private static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
