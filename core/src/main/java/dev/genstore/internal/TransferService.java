package dev.genstore.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.ledger.Ledger;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Storage;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.Manifest;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferException.Reason;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Export, import and copy over the table catalog and the blob stores. Rows move in pages of {@value #PAGE}; blobs
 * go from the source's blob store to the target's, whatever each one is (a directory, the database).
 */
public final class TransferService {
    private static final int PAGE = 500;
    private static final String MANIFEST = "manifest.json";
    private static final String BLOB_DIRECTORY = "blobs";
    private static final String BLOB_INDEX = "blobs.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Instant.parse(parser.getValueAsString());
                        }
                    }));

    private final ServiceContext context;
    private final Ledger ledger;
    private final RowBlobs rowBlobs;

    public TransferService(ServiceContext context, Ledger ledger) {
        this.context = context;
        this.ledger = ledger;
        this.rowBlobs = new RowBlobs(context, "imported");
    }

    /** The tables carried as rows: all but the database's blob table, whose content goes through the blob stores. */
    private static List<TableSpec> tables() {
        return TableCatalog.tables().stream().filter(t -> !t.name().equals(TableCatalog.BLOBS)).toList();
    }

    private Storage storage() {
        return context.storage();
    }

    private BlobStore blobs() {
        return context.blobs();
    }

    private String schemaVersion() {
        return storage().read(r -> r.tables().schemaVersion());
    }

    // ---- export ---------------------------------------------------------------------------------------------------

    public TransferReport exportTo(Path directory, TransferListener listener) {
        Validate.notNull("directory", directory);
        Validate.notNull("listener", listener);
        Instant started = Instant.now();
        Instant createdAt = context.now();
        prepareEmptyDirectory(directory);
        // One read transaction: on SQLite (WAL) every table is read from one snapshot, and database blobs join it.
        Manifest manifest = storage().read(r -> {
            List<Manifest.TableEntry> entries = new ArrayList<>();
            for (TableSpec table : tables()) {
                entries.add(exportTable(table, directory, listener));
            }
            Manifest.BlobsEntry blobs = exportBlobs(directory, listener);
            return new Manifest(Manifest.FORMAT, r.tables().schemaVersion(), genstoreVersion(), storage().name(),
                    createdAt, entries, blobs);
        });
        try {
            JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(MANIFEST), e);
        }
        return report(manifest, started);
    }

    private static void prepareEmptyDirectory(Path directory) {
        try {
            if (Files.exists(directory)) {
                if (!Files.isDirectory(directory)) {
                    throw new InvalidInputException("directory", "is a file: " + directory);
                }
                try (Stream<Path> files = Files.list(directory)) {
                    if (files.findAny().isPresent()) {
                        throw new TransferException(Reason.TARGET_NOT_EMPTY, "the export directory " + directory
                                + " is not empty; export into a new or empty directory");
                    }
                }
            }
            Files.createDirectories(directory.resolve("tables"));
            Files.createDirectories(directory.resolve(BLOB_DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the export directory " + directory, e);
        }
    }

    private Manifest.TableEntry exportTable(TableSpec table, Path directory, TransferListener listener) {
        String file = "tables/" + table.name() + ".jsonl";
        long[] rows = {0};
        long total = storage().read(r -> r.tables().count(table));
        String sha = writeHashed(directory.resolve(file), out -> scan(table, page -> {
            for (List<Object> row : page) {
                write(out, RowCodec.encode(table, row));
            }
            rows[0] += page.size();
            listener.progress(table.name(), rows[0], total);
        }));
        return new Manifest.TableEntry(table.name(), file, rows[0], sha);
    }

    private Manifest.BlobsEntry exportBlobs(Path directory, TransferListener listener) {
        long[] counts = {0, 0};
        String sha = writeHashed(directory.resolve(BLOB_INDEX), out -> eachBlob(info -> {
            byte[] content = blobs().getBytes(info.key());
            Path file = directory.resolve(BLOB_DIRECTORY).resolve(info.key());
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            write(out, blobLine(info.key(), info.contentType(), content.length, RowCodec.sha256Hex(content)));
            counts[0]++;
            counts[1] += content.length;
            listener.progress(TableCatalog.BLOBS, counts[0], -1);
        }));
        return new Manifest.BlobsEntry(BLOB_DIRECTORY, BLOB_INDEX, counts[0], counts[1], sha);
    }

    private record BlobLine(String key, String contentType, long size, String sha256) {
    }

    private static byte[] blobLine(String key, String contentType, long size, String sha256) {
        try {
            return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(new BlobLine(key, contentType, size, sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code file} with what {@code content} writes and returns the SHA-256 of its bytes. */
    private static String writeHashed(Path file, Consumer<OutputStream> content) {
        MessageDigest digest = RowCodec.sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), digest)) {
            content.accept(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return RowCodec.hex(digest.digest());
    }

    /** Hands every row of {@code table} to {@code pages}, page by page in key order, each page read in a transaction. */
    private void scan(TableSpec table, Consumer<List<List<Object>>> pages) {
        List<Object> after = null;
        while (true) {
            List<Object> last = after;
            List<List<Object>> page = storage().read(r -> r.tables().scan(table, last, PAGE));
            if (page.isEmpty()) {
                return;
            }
            pages.accept(page);
            if (page.size() < PAGE) {
                return;
            }
            List<Object> lastRow = page.get(page.size() - 1);
            after = table.key().stream().map(k -> lastRow.get(table.indexOf(k))).toList();
        }
    }

    /**
     * Every blob of this store that is genstore's ({@link GenstoreBlobs}): an application's own blobs in the same blob
     * store are neither exported nor copied.
     */
    private void eachBlob(Consumer<BlobInfo> action) {
        GenstoreBlobs.forEach(storage(), blobs(), action);
    }

    // ---- import ---------------------------------------------------------------------------------------------------

    public TransferReport importFrom(Path directory, TransferListener listener) {
        Validate.notNull("directory", directory);
        Validate.notNull("listener", listener);
        Instant started = Instant.now();
        Manifest manifest = readManifest(directory);
        String version = schemaVersion();
        if (!version.equals(manifest.schemaVersion())) {
            throw new TransferException(Reason.SCHEMA_MISMATCH, "the export has schema version " + manifest.schemaVersion()
                    + " but this " + storage().name() + " store has " + version + "; import it with the genstore version"
                    + " that wrote it (" + manifest.genstoreVersion() + ") or one with the same schema");
        }
        checkFiles(directory, manifest);
        requireEmpty();
        storage().write(r -> {
            for (TableSpec table : tables()) {
                importTable(table, directory, manifest, listener);
                long stored = r.tables().count(table);
                long expected = entry(manifest, table.name()).rows();
                if (stored != expected && !(table.seeded() && expected == 0)) {
                    throw new TransferException(Reason.COUNT_MISMATCH, "table " + table.name() + " holds " + stored
                            + " rows after the import but the export has " + expected + "; nothing was imported");
                }
            }
            // Blobs stream in after the rows, in the same transaction (a rollback deletes those already written).
            forEachIndexedBlob(directory, manifest,
                    (line, content) -> rowBlobs.putInTransaction(line.key(), content, line.contentType()), listener);
            List<LedgerDiscrepancy> discrepancies = ledger.verify();
            if (!discrepancies.isEmpty()) {
                throw new TransferException(Reason.VERIFICATION_FAILED, "the imported ledger does not add up: "
                        + discrepancies + "; nothing was imported");
            }
            return null;
        });
        return report(manifest, started);
    }

    private static Manifest readManifest(Path directory) {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new TransferException(Reason.UNREADABLE, "no " + MANIFEST + " in " + directory
                    + ": not a genstore export, or an export that did not finish");
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new TransferException(Reason.UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (manifest.format() != Manifest.FORMAT) {
            throw new TransferException(Reason.UNREADABLE, "the export has format " + manifest.format()
                    + "; this genstore reads format " + Manifest.FORMAT);
        }
        List<String> expected = tables().stream().map(TableSpec::name).toList();
        List<String> found = manifest.tables().stream().map(Manifest.TableEntry::name).toList();
        if (!expected.equals(found)) {
            throw new TransferException(Reason.UNREADABLE, "the export holds tables " + found + " but this genstore has "
                    + expected);
        }
        return manifest;
    }

    private static Manifest.TableEntry entry(Manifest manifest, String table) {
        return manifest.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow();
    }

    /** Every file against the manifest (lines and SHA-256), and every blob against the index, before anything is written. */
    private static void checkFiles(Path directory, Manifest manifest) {
        for (Manifest.TableEntry table : manifest.tables()) {
            long lines = readLines(directory, table.file(), table.sha256(), line -> {
            });
            if (lines != table.rows()) {
                throw new TransferException(Reason.COUNT_MISMATCH, "table " + table.name() + ": " + table.file() + " has "
                        + lines + " rows but the manifest says " + table.rows() + "; nothing was imported");
            }
        }
        long[] counts = {0, 0};
        forEachIndexedBlob(directory, manifest, (line, content) -> {
            counts[0]++;
            counts[1] += content.length;
        }, TransferListener.none());
        if (counts[0] != manifest.blobs().count() || counts[1] != manifest.blobs().bytes()) {
            throw new TransferException(Reason.COUNT_MISMATCH, "the export holds " + counts[0] + " blobs of " + counts[1]
                    + " bytes but the manifest says " + manifest.blobs().count() + " of " + manifest.blobs().bytes()
                    + "; nothing was imported");
        }
    }

    /**
     * Reads {@code file} line by line, and fails when its bytes do not have {@code sha256} (checked at the end, so a
     * caller inside a transaction rolls back). Returns the number of lines.
     */
    private static long readLines(Path directory, String file, String sha256, Consumer<String> lines) {
        Path path = directory.resolve(file).normalize();
        if (!path.startsWith(directory.normalize()) || !Files.isRegularFile(path)) {
            throw new TransferException(Reason.UNREADABLE, "the export has no file " + file + "; nothing was imported");
        }
        MessageDigest digest = RowCodec.sha256();
        long count = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                count++;
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new TransferException(Reason.UNREADABLE, "cannot read " + path + ": " + e.getMessage(), e);
        }
        String actual = RowCodec.hex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new TransferException(Reason.CHECKSUM_MISMATCH, file + " has SHA-256 " + actual
                    + " but the manifest says " + sha256 + ": the export was changed or damaged; nothing was imported");
        }
        return count;
    }

    private void importTable(TableSpec table, Path directory, Manifest manifest, TransferListener listener) {
        Manifest.TableEntry entry = entry(manifest, table.name());
        List<List<Object>> batch = new ArrayList<>(PAGE);
        long[] line = {0};
        readLines(directory, entry.file(), entry.sha256(), text -> {
            batch.add(RowCodec.decode(table, text, ++line[0]));
            if (batch.size() == PAGE) {
                flush(table, batch, line[0], entry.rows(), listener);
            }
        });
        flush(table, batch, line[0], entry.rows(), listener);
    }

    private void flush(TableSpec table, List<List<Object>> batch, long done, long total, TransferListener listener) {
        if (!batch.isEmpty()) {
            storage().write(r -> {
                r.tables().upsert(table, batch);
                return null;
            });
            batch.clear();
        }
        listener.progress(table.name(), done, total);
    }

    @FunctionalInterface
    private interface BlobAction {
        void accept(BlobLine line, byte[] content);
    }

    private static void forEachIndexedBlob(Path directory, Manifest manifest, BlobAction action, TransferListener listener) {
        Manifest.BlobsEntry blobs = manifest.blobs();
        long[] done = {0};
        readLines(directory, blobs.index(), blobs.indexSha256(), text -> {
            BlobLine line;
            try {
                line = JSON.readValue(text, BlobLine.class);
                BlobKeys.requireValid(line.key());
            } catch (IOException | RuntimeException e) {
                throw new TransferException(Reason.UNREADABLE, "line " + (done[0] + 1) + " of " + blobs.index()
                        + " is not a blob entry: " + e.getMessage(), e);
            }
            Path file = directory.resolve(blobs.directory()).resolve(line.key());
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TransferException(Reason.UNREADABLE, "the export has no readable blob file " + file
                        + "; nothing was imported", e);
            }
            String sha = RowCodec.sha256Hex(content);
            if (content.length != line.size() || !sha.equals(line.sha256())) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "blob " + line.key() + " has " + content.length
                        + " bytes with SHA-256 " + sha + " but the index says " + line.size() + " bytes with "
                        + line.sha256() + "; nothing was imported");
            }
            action.accept(line, content);
            listener.progress(TableCatalog.BLOBS, ++done[0], blobs.count());
        });
    }

    private void requireEmpty() {
        storage().read(r -> {
            for (TableSpec table : tables()) {
                if (!table.seeded() && r.tables().count(table) > 0) {
                    throw new TransferException(Reason.TARGET_NOT_EMPTY, "the target " + storage().name()
                            + " store is not empty (table " + table.name() + " has rows); import only into a new store");
                }
            }
            return null;
        });
        if (!blobs().list(BlobKeys.GENSTORE_ROOT, PageRequest.first(1)).items().isEmpty()) {
            throw new TransferException(Reason.TARGET_NOT_EMPTY, "the target store's blob store has blobs under "
                    + BlobKeys.GENSTORE_ROOT + "; import only into a new store");
        }
    }

    // ---- copy -----------------------------------------------------------------------------------------------------

    public TransferReport copyTo(TransferService target, TransferListener listener) {
        Validate.notNull("target", target);
        Validate.notNull("listener", listener);
        if (target == this || target.storage() == storage()) {
            throw new InvalidInputException("target", "is this store; copy into another one");
        }
        Instant started = Instant.now();
        String version = schemaVersion();
        String targetVersion = target.schemaVersion();
        if (!version.equals(targetVersion)) {
            throw new TransferException(Reason.SCHEMA_MISMATCH, "the source has schema version " + version
                    + " but the target has " + targetVersion + "; open both with the same genstore");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableSpec table : tables()) {
            long total = storage().read(r -> r.tables().count(table));
            long[] done = {0};
            scan(table, page -> {
                target.storage().write(r -> {
                    r.tables().upsert(table, page);
                    return null;
                });
                done[0] += page.size();
                listener.progress(table.name(), done[0], total);
            });
            rows.put(table.name(), done[0]);
        }
        long[] blobs = {0, 0};
        eachBlob(info -> {
            // A blob put is atomic, so one already there with the same size is the same blob from an earlier run;
            // the verification below compares every checksum anyway.
            boolean present = target.blobs().info(info.key()).map(b -> b.size() == info.size()).orElse(false);
            if (!present) {
                target.blobs().put(info.key(), blobs().getBytes(info.key()), info.contentType());
            }
            blobs[0]++;
            blobs[1] += info.size();
            listener.progress(TableCatalog.BLOBS, blobs[0], -1);
        });
        verifyCopy(target);
        return new TransferReport(rows, blobs[0], blobs[1], Duration.between(started, Instant.now()));
    }

    /** Counts and row-set digests per table, the target's ledger, and every blob's SHA-256 on both sides. */
    private void verifyCopy(TransferService target) {
        for (TableSpec table : tables()) {
            RowCodec.RowSetDigest mine = digest(table);
            RowCodec.RowSetDigest theirs = target.digest(table);
            long count = storage().read(r -> r.tables().count(table));
            long targetCount = target.storage().read(r -> r.tables().count(table));
            if (count != targetCount) {
                throw new TransferException(Reason.COUNT_MISMATCH, "table " + table.name() + " has " + count
                        + " rows in the source but " + targetCount + " in the target (was the target empty?)");
            }
            if (!mine.hex().equals(theirs.hex())) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "table " + table.name()
                        + " holds other rows in the target than in the source (was the target empty, or the source"
                        + " changed during the copy?); run the copy again into a new store");
            }
        }
        List<LedgerDiscrepancy> discrepancies = target.ledger.verify();
        if (!discrepancies.isEmpty()) {
            throw new TransferException(Reason.VERIFICATION_FAILED, "the target's ledger does not add up after the copy: "
                    + discrepancies);
        }
        long[] count = {0};
        eachBlob(info -> {
            count[0]++;
            String sha = RowCodec.sha256Hex(blobs().getBytes(info.key()));
            String targetSha = target.blobs().exists(info.key())
                    ? RowCodec.sha256Hex(target.blobs().getBytes(info.key())) : "missing";
            if (!sha.equals(targetSha)) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "blob " + info.key() + " has SHA-256 " + sha
                        + " in the source but " + targetSha + " in the target");
            }
        });
        long[] targetCount = {0};
        target.eachBlob(info -> targetCount[0]++);
        if (targetCount[0] != count[0]) {
            throw new TransferException(Reason.COUNT_MISMATCH, "the source has " + count[0] + " blobs but the target "
                    + targetCount[0] + " (was the target empty?)");
        }
    }

    private RowCodec.RowSetDigest digest(TableSpec table) {
        RowCodec.RowSetDigest digest = new RowCodec.RowSetDigest();
        scan(table, page -> page.forEach(row -> digest.add(RowCodec.encode(table, row))));
        return digest;
    }

    // ---- common ---------------------------------------------------------------------------------------------------

    private static TransferReport report(Manifest manifest, Instant started) {
        Map<String, Long> rows = new LinkedHashMap<>();
        manifest.tables().forEach(t -> rows.put(t.name(), t.rows()));
        return new TransferReport(rows, manifest.blobs().count(), manifest.blobs().bytes(),
                Duration.between(started, Instant.now()));
    }

    /** The version of genstore-core on the class path, from the pom properties Maven puts in the jar. */
    private static String genstoreVersion() {
        try (InputStream in = TransferService.class.getResourceAsStream(
                "/META-INF/maven/dev.genstore/genstore-core/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "development";
    }
}
