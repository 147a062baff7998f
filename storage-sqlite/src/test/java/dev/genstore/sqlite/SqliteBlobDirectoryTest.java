package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.TestImages;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.VariantKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite keeps blobs in a directory beside the database file unless the application names another store. */
class SqliteBlobDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void imageFilesGoBesideTheDatabaseFileAndSurviveReopening() throws IOException {
        byte[] png = TestImages.photoPng(64, 48, 1);
        Path file = dir.resolve("app.db");
        Image image;
        UserId ann;
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            ann = store.accounts().create(NewUser.withEmail("ann@example.com")).id();
            image = store.images().store(NewImage.uploaded(ann, "cat.png"), png);
        }
        Path blobs = dir.resolve("app.db-blobs");
        assertEquals(blobs, SqliteStorage.file(file).blobDirectory());
        assertArrayEquals(png, Files.readAllBytes(blobs.resolve(image.content().storageKey())));
        assertTrue(Files.isRegularFile(blobs.resolve(image.variant(VariantKind.THUMBNAIL).orElseThrow().storageKey())));
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            assertEquals(image, store.images().get(ann, image.id()));
            assertArrayEquals(png, store.images().openContent(ann, image.id()).readAllBytes());
        }
    }

    @Test
    void anApplicationsBlobStoreReplacesTheDefault() {
        Path elsewhere = dir.resolve("elsewhere");
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(dir.resolve("app.db")))
                .blobStore(BlobStore.directory(elsewhere)).build()) {
            UserId ann = store.accounts().create(NewUser.withEmail("ann@example.com")).id();
            Image image = store.images().store(NewImage.uploaded(ann, "cat.png"), TestImages.photoPng(64, 48, 2));
            assertTrue(Files.isRegularFile(elsewhere.resolve(image.content().storageKey())));
            assertFalse(Files.exists(dir.resolve("app.db-blobs").resolve(image.content().storageKey())));
        }
    }
}
