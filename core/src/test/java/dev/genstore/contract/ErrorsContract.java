package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.errors.StoreClosedException;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.InvalidImageException;
import dev.genstore.images.NewImage;
import dev.genstore.images.VariantFormat;
import dev.genstore.images.VariantKind;
import dev.genstore.images.VariantSpec;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.ops.PurgeRequest;
import dev.genstore.paging.PageRequest;
import dev.genstore.transfer.TransferException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The specific {@link dev.genstore.errors.GenstoreException} a caller gets for each failure that is not about one
 * argument's value: a closed store ({@link StoreClosedException}, from every method of every service), a call that
 * cannot join the calling thread's transaction ({@link NestedTransactionException}), an image from which a variant
 * cannot be encoded ({@link InvalidImageException}), an export target that cannot be written
 * ({@link TransferException} WRITE_FAILED), and a storage handed to a second store ({@link InvalidInputException}).
 */
public abstract class ErrorsContract extends StoreContract {
    @TempDir
    Path scratch;

    @Test
    void everyPublicMethodOfAClosedStoreThrowsStoreClosedException() throws Exception {
        Genstore closing = openStore(builder -> builder);
        SweepFixture fixture = new SweepFixture(closing, clock);
        Map<String, Object> services = fixture.services();
        services.remove("blobs"); // the blob store is the application's own (a directory keeps answering)
        Map<String, Object[]> calls = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Method method : HostileInputSweepContract.publicMethods(service.getValue())) {
                calls.put(service.getKey() + "." + method.getName() + List.of(method.getParameterTypes()),
                        fixture.validArguments(service.getKey(), method));
            }
        }
        closing.close();

        List<String> wrong = new ArrayList<>();
        int called = 0;
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Method method : HostileInputSweepContract.publicMethods(service.getValue())) {
                String name = service.getKey() + "." + method.getName() + List.of(method.getParameterTypes());
                called++;
                try {
                    method.invoke(service.getValue(), calls.get(name));
                    wrong.add(name + " returned");
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof StoreClosedException)) {
                        wrong.add(name + " threw " + e.getCause());
                    }
                }
            }
        }
        assertTrue(called > 100, "the sweep called " + called + " methods");
        assertEquals(List.of(), wrong, "methods of a closed store that did not throw StoreClosedException");

        assertThrows(StoreClosedException.class, () -> closing.transaction(tx -> 1));
        assertThrows(StoreClosedException.class, () -> closing.useTransaction(tx -> { }));
        assertThrows(StoreClosedException.class, () -> closing.exportTo(scratch.resolve("export"), (t, d, n) -> { }));
        assertFalse(Files.exists(scratch.resolve("export")), "a closed store's export created its directory");
        assertThrows(StoreClosedException.class, () -> closing.importFrom(scratch.resolve("export"), (t, d, n) -> { }));
        assertThrows(StoreClosedException.class, () -> closing.copyTo(store, (t, d, n) -> { }));
        assertThrows(StoreClosedException.class, () -> store.copyTo(closing, (t, d, n) -> { }));
        assertThrows(StoreClosedException.class, () -> closing.housekeeping().runNow(HousekeepingTask.PURGE));
        closing.close(); // closing again changes nothing
    }

    @Test
    void aWriteInsideAnExportsReadTransactionThrowsNestedTransactionException() {
        UserId ann = userWithTokens("ann@example.com", 10);
        NestedTransactionException thrown = assertThrows(NestedTransactionException.class,
                () -> store.exportTo(scratch.resolve("export"), (table, done, total) -> store.ledger().credit(ann, 1,
                        "BONUS", "during-export-" + table)));
        assertTrue(thrown.getMessage().contains("read-only"), thrown.getMessage());
        assertEquals(10, account(ann).balance());
    }

    @Test
    void operationsAndHousekeepingInsideATransactionThrowNestedTransactionException() {
        assertThrows(NestedTransactionException.class, () -> store.useTransaction(tx -> store.operations().verify()));
        assertThrows(NestedTransactionException.class,
                () -> store.useTransaction(tx -> store.operations().purge(PurgeRequest.everything())));
        assertThrows(NestedTransactionException.class,
                () -> store.useTransaction(tx -> store.housekeeping().runNow(HousekeepingTask.PURGE)));
    }

    /** libwebp encodes at most 16383 pixels a side; a policy may ask for a 16384-pixel WebP variant. */
    @Test
    void anImageWhoseVariantTheEncoderRefusesThrowsInvalidImageExceptionAndStoresNothing() {
        Genstore wide = openStore(builder -> builder.imagePolicy(dev.genstore.images.ImagePolicy.DEFAULT
                .variants(new VariantSpec(VariantKind.PRINT, 16_384, VariantFormat.WEBP, 0.8f))));
        UserId ann = wide.accounts().create(dev.genstore.accounts.NewUser.withEmail("ann@example.com")).id();
        byte[] png = TestImages.greyPng(16_384, 16, 128);
        InvalidImageException thrown = assertThrows(InvalidImageException.class,
                () -> wide.images().store(NewImage.uploaded(ann, "wide.png"), png));
        assertEquals("content", thrown.field());
        assertTrue(thrown.getMessage().contains("WEBP"), thrown.getMessage());
        assertEquals(List.of(), wide.images().list(ann, ImageFilter.all(), PageRequest.first(10)).items());
    }

    @Test
    void anExportTargetThatCannotBeCreatedThrowsTransferExceptionWriteFailed() throws IOException {
        Path file = Files.writeString(scratch.resolve("a-file"), "not a directory");
        TransferException thrown = assertThrows(TransferException.class,
                () -> store.exportTo(file.resolve("export"), (table, done, total) -> { }));
        assertEquals(TransferException.Reason.WRITE_FAILED, thrown.reason());
        assertInstanceOf(IOException.class, thrown.getCause());
    }

    @Test
    void aStorageAlreadyServingAStoreIsRefusedAsInvalidInput() {
        var storage = newStorage();
        Genstore first = openStore(builder -> builder.storage(storage));
        InvalidInputException thrown = assertThrows(InvalidInputException.class,
                () -> Genstore.builder().storage(storage).clock(clock).build());
        assertEquals("storage", thrown.field());
        assertEquals(0, first.ledger().verify().size()); // the first store keeps working
    }
}
