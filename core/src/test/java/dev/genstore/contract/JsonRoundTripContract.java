package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.genstore.accounts.UserId;
import dev.genstore.cache.CacheEntry;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.NewJob;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every JSON-valued field reads back with the type it was written with: integers stay {@link Integer} (or
 * {@link Long}, {@link BigInteger} when larger), decimals stay {@link Double}, and booleans, strings, nulls, nested maps
 * and lists stay what they were, in what a write returns and in what a later read gives.
 */
public abstract class JsonRoundTripContract extends StoreContract {

    /** JSON values of every kind, with the Java types a read must give back. */
    private static Map<String, Object> mixed() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("width", 1024);
        values.put("steps", 20);
        values.put("seed", 5_000_000_000L);
        values.put("huge", new BigInteger("123456789012345678901234567890"));
        values.put("guidance", 7.5);
        values.put("ratio", 1.0);
        values.put("negative", -3);
        values.put("enabled", true);
        values.put("sampler", "euler");
        values.put("nothing", null);
        values.put("sizes", List.of(256, 512, 1.5, "x", false));
        values.put("nested", Map.of("quality", 90, "strength", 0.25, "deeper", Map.of("n", 1)));
        return values;
    }

    /** Fails unless {@code actual} equals {@code expected} with each number of the same class. */
    private static void assertSameTypes(Object expected, Object actual, String path) {
        if (expected == null) {
            assertEquals(null, actual, path);
        } else if (expected instanceof Map<?, ?> map) {
            Map<?, ?> got = assertInstanceOf(Map.class, actual, path);
            assertEquals(map.keySet(), got.keySet(), path);
            map.forEach((k, v) -> assertSameTypes(v, got.get(k), path + "." + k));
        } else if (expected instanceof List<?> list) {
            List<?> got = assertInstanceOf(List.class, actual, path);
            assertEquals(list.size(), got.size(), path);
            for (int i = 0; i < list.size(); i++) {
                assertSameTypes(list.get(i), got.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, path);
            assertEquals(expected.getClass(), actual.getClass(), path + " changed type: " + actual);
        }
    }

    @Test
    void processingSettingsKeepIntegersAndDecimals() {
        UserId ann = newUser("ann@example.com").id();
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("jpgQuality", 90);
        written.put("pngQuality", 6);
        written.put("sharpening", 1.5);
        written.put("saturation", 2);
        written.put("removeBg", true);
        written.put("removeBgSize", "auto");
        written.put("vendor", mixed());
        ProcessingSettings settings = ProcessingSettings.fromMap(written);

        Image stored = store.images().store(NewImage.uploaded(ann, "a.png").processingSettings(settings),
                TestImages.photoPng(32, 32, 1));
        Image read = store.images().get(ann, stored.id());

        for (Image image : List.of(stored, read)) {
            ProcessingSettings back = image.processingSettings();
            assertSameTypes(90, back.jpgQuality(), "jpgQuality");
            assertSameTypes(6, back.pngQuality(), "pngQuality");
            assertSameTypes(1.5, back.sharpening(), "sharpening");
            assertSameTypes(2, back.saturation(), "saturation");
            assertSameTypes(written, back.toMap(), "processingSettings");
        }
        assertEquals(stored, read);
    }

    @Test
    void processingSettingsMadeInJavaReadBackEqual() {
        UserId ann = newUser("ann@example.com").id();
        ProcessingSettings settings = new ProcessingSettings(true, 1.5f, (short) 3, null, true, 90L, 5_000_000_000L,
                null, null, null, "white", Map.of());
        assertSameTypes(90, settings.jpgQuality(), "a long that fits an int is an int, as a JSON reader gives it");
        assertSameTypes(5_000_000_000L, settings.pngQuality(), "pngQuality");
        assertSameTypes(1.5, settings.sharpening(), "a float is a double");
        assertSameTypes(3, settings.saturation(), "a short is an int");

        Image stored = store.images().store(NewImage.uploaded(ann, "a.png").processingSettings(settings),
                TestImages.photoPng(32, 32, 1));
        assertEquals(settings, stored.processingSettings());
        assertEquals(settings, store.images().get(ann, stored.id()).processingSettings());
    }

    @Test
    void imageMetadataKeepsItsTypes() {
        UserId ann = newUser("ann@example.com").id();
        Image stored = store.images().store(NewImage.uploaded(ann, "a.png").metadata(mixed()), TestImages.photoPng(32, 32, 1));
        assertSameTypes(mixed(), stored.metadata(), "metadata as written");
        assertSameTypes(mixed(), store.images().get(ann, stored.id()).metadata(), "metadata read back");
    }

    @Test
    void jobParametersKeepTheirTypes() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = store.jobs().submit(NewJob.of(ann, "a lighthouse", "imagegen", "model-x").parameters(mixed()));
        assertSameTypes(mixed(), job.parameters(), "parameters as written");
        assertSameTypes(mixed(), store.jobs().get(job.id()).parameters(), "parameters read back");
    }

    @Test
    void configurationSettingsKeepTheirTypes() {
        UserId ann = newUser("ann@example.com").id();
        JobConfiguration created = store.jobs().createConfiguration(ann, "portrait", mixed());
        assertSameTypes(mixed(), created.settings(), "settings as written");
        assertSameTypes(mixed(), store.jobs().findConfiguration(created.id()).orElseThrow().settings(), "settings read back");

        Map<String, Object> changed = new LinkedHashMap<>(mixed());
        changed.put("steps", 30);
        JobConfiguration updated = store.jobs().updateConfiguration(created.id(), "portrait", changed);
        assertSameTypes(changed, updated.settings(), "settings as updated");
        assertSameTypes(changed, store.jobs().findConfiguration(created.id()).orElseThrow().settings(), "updated read back");
    }

    @Test
    void cacheEntryMetadataKeepsItsTypes() {
        Map<String, Object> configuration = Map.of("width", 512, "model", "m");
        CacheEntry put = store.cache().put(NewCacheEntry.of("thumbs", "item-1", configuration, "image/png").metadata(mixed()),
                TestImages.photoPng(8, 8, 2));
        assertSameTypes(mixed(), put.metadata(), "metadata as written");
        assertSameTypes(mixed(), store.cache().peek("thumbs", "item-1", configuration).orElseThrow().metadata(),
                "metadata read back");
        assertEquals(put.configurationHash(), store.cache().configurationHash(Map.of("width", 512L, "model", "m")),
                "an integer of another Java type is the same configuration");
    }
}
