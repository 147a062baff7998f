package dev.genstore.internal.transfer;

import static dev.genstore.internal.transfer.TransferFormat.JSON;
import static dev.genstore.internal.transfer.TransferFormat.MANIFEST;

import dev.genstore.blobs.BlobKeys;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.Validate;
import dev.genstore.internal.transfer.TransferFormat.BlobLine;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.Manifest;
import dev.genstore.transfer.TransferException.Reason;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Import into an empty store: the manifest and every file checked first (lines, SHA-256, the blob index), then every
 * row and blob in one write transaction that a count, checksum or ledger mismatch rolls back whole.
 */
final class TransferImport {
    private static final int PAGE = TransferStore.PAGE;

    private final TransferStore store;
    private final RowBlobs rowBlobs;

    TransferImport(TransferStore store) {
        this.store = store;
        this.rowBlobs = new RowBlobs(store.context(), "imported");
    }

    TransferReport importFrom(Path directory, TransferListener listener) {
        Validate.notNull("directory", directory);
        Validate.notNull("listener", listener);
        Instant started = Instant.now();
        Manifest manifest = readManifest(directory);
        String version = store.schemaVersion();
        if (!version.equals(manifest.schemaVersion())) {
            throw new TransferException(Reason.SCHEMA_MISMATCH, "the export has schema version " + manifest.schemaVersion()
                    + " but this " + store.storage().name() + " store has " + version + "; import it with the genstore version"
                    + " that wrote it (" + manifest.genstoreVersion() + ") or one with the same schema");
        }
        checkFiles(directory, manifest);
        requireEmpty();
        store.storage().write(r -> {
            for (TableSpec table : TransferStore.tables()) {
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
            List<LedgerDiscrepancy> discrepancies = store.ledger().verify();
            if (!discrepancies.isEmpty()) {
                throw new TransferException(Reason.VERIFICATION_FAILED, "the imported ledger does not add up: "
                        + discrepancies + "; nothing was imported");
            }
            return null;
        });
        return TransferFormat.report(manifest, started);
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
        List<String> expected = TransferStore.tables().stream().map(TableSpec::name).toList();
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
            store.storage().write(r -> {
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
        store.storage().read(r -> {
            for (TableSpec table : TransferStore.tables()) {
                if (!table.seeded() && r.tables().count(table) > 0) {
                    throw new TransferException(Reason.TARGET_NOT_EMPTY, "the target " + store.storage().name()
                            + " store is not empty (table " + table.name() + " has rows); import only into a new store");
                }
            }
            return null;
        });
        if (!store.blobs().list(BlobKeys.GENSTORE_ROOT, PageRequest.first(1)).items().isEmpty()) {
            throw new TransferException(Reason.TARGET_NOT_EMPTY, "the target store's blob store has blobs under "
                    + BlobKeys.GENSTORE_ROOT + "; import only into a new store");
        }
    }

}
