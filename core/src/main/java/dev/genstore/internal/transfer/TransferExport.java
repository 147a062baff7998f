package dev.genstore.internal.transfer;

import static dev.genstore.internal.transfer.TransferFormat.BLOB_DIRECTORY;
import static dev.genstore.internal.transfer.TransferFormat.BLOB_INDEX;
import static dev.genstore.internal.transfer.TransferFormat.JSON;
import static dev.genstore.internal.transfer.TransferFormat.MANIFEST;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.internal.Validate;
import dev.genstore.internal.transfer.TransferFormat.BlobLine;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.Manifest;
import dev.genstore.transfer.TransferException.Reason;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Export: every table as JSON lines and every genstore blob as a file with an index line, read in one read
 * transaction, then the manifest last (an export without one did not finish).
 */
final class TransferExport {
    private final TransferStore store;

    TransferExport(TransferStore store) {
        this.store = store;
    }

    TransferReport exportTo(Path directory, TransferListener listener) {
        Validate.notNull("directory", directory);
        Validate.notNull("listener", listener);
        Instant started = Instant.now();
        Instant createdAt = store.context().now();
        prepareEmptyDirectory(directory);
        // One read transaction: on SQLite (WAL) every table is read from one snapshot, and database blobs join it.
        Manifest manifest = store.storage().read(r -> {
            List<Manifest.TableEntry> entries = new ArrayList<>();
            for (TableSpec table : TransferStore.tables()) {
                entries.add(exportTable(table, directory, listener));
            }
            Manifest.BlobsEntry blobs = exportBlobs(directory, listener);
            return new Manifest(Manifest.FORMAT, r.tables().schemaVersion(), genstoreVersion(), store.storage().name(),
                    createdAt, entries, blobs);
        });
        try {
            JSON.writeValue(directory.resolve(MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            throw writeFailed(directory.resolve(MANIFEST), e);
        }
        return TransferFormat.report(manifest, started);
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
            throw writeFailed(directory, e);
        }
    }

    private Manifest.TableEntry exportTable(TableSpec table, Path directory, TransferListener listener) {
        String file = "tables/" + table.name() + ".jsonl";
        long[] rows = {0};
        long total = store.storage().read(r -> r.tables().count(table));
        String sha = writeHashed(directory.resolve(file), out -> store.scan(table, page -> {
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
        String sha = writeHashed(directory.resolve(BLOB_INDEX), out -> store.eachBlob(info -> {
            byte[] content = store.blobs().getBytes(info.key());
            Path file = directory.resolve(BLOB_DIRECTORY).resolve(info.key());
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw writeFailed(file, e);
            }
            write(out, blobLine(info.key(), info.contentType(), content.length, RowCodec.sha256Hex(content)));
            counts[0]++;
            counts[1] += content.length;
            listener.progress(TableCatalog.BLOBS, counts[0], -1);
        }));
        return new Manifest.BlobsEntry(BLOB_DIRECTORY, BLOB_INDEX, counts[0], counts[1], sha);
    }


    private static byte[] blobLine(String key, String contentType, long size, String sha256) {
        try {
            return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(new BlobLine(key, contentType, size, sha256));
        } catch (IOException e) {
            throw new TransferException(Reason.WRITE_FAILED, "cannot write the blob index line of " + key, e);
        }
    }

    private static void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new TransferException(Reason.WRITE_FAILED, "cannot write the export: " + e.getMessage(), e);
        }
    }

    /** An export file or directory that cannot be written (a full or read-only disk, a file where a directory must be). */
    private static TransferException writeFailed(Path path, IOException e) {
        return new TransferException(Reason.WRITE_FAILED, "cannot write " + path + ": " + e, e);
    }

    /** Writes {@code file} with what {@code content} writes and returns the SHA-256 of its bytes. */
    private static String writeHashed(Path file, Consumer<OutputStream> content) {
        MessageDigest digest = RowCodec.sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), digest)) {
            content.accept(out);
        } catch (IOException e) {
            throw writeFailed(file, e);
        }
        return RowCodec.hex(digest.digest());
    }


    /** The version of genstore-core on the class path, from the pom properties Maven puts in the jar. */
    private static String genstoreVersion() {
        try (InputStream in = TransferExport.class.getResourceAsStream(
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
