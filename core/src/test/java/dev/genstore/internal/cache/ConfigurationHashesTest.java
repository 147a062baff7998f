package dev.genstore.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.internal.CanonicalJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationHashesTest {
    private final ConfigurationHashes hashes = new ConfigurationHashes();

    private static String canonical(Map<String, Object> configuration) {
        return CanonicalJson.hash("configuration", configuration);
    }

    @Test
    void aRememberedConfigurationHashesAsTheCanonicalFormDoes() {
        Map<String, Object> configuration = Map.of("model", "sdxl", "steps", 30, "cfg", 7.5,
                "loras", List.of("a", Map.of("weight", new BigDecimal("0.50"))));
        String first = hashes.hash(configuration);
        assertEquals(canonical(configuration), first);
        assertEquals(first, hashes.hash(configuration));
        assertEquals(first, hashes.hash(new HashMap<>(configuration)));
        // Other Java types, one JSON value: the same hash, whether remembered or not.
        Map<String, Object> asLongs = Map.of("model", "sdxl", "steps", 30L, "cfg", 7.50d,
                "loras", List.of("a", Map.of("weight", 0.5)));
        assertEquals(first, hashes.hash(asLongs));
    }

    @Test
    void aCallerChangingItsMapAfterwardsGetsTheHashOfWhatItHoldsNow() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("model", "sdxl");
        List<Object> sizes = new ArrayList<>(List.of(512));
        configuration.put("sizes", sizes);
        String before = hashes.hash(configuration);

        sizes.add(1024);
        String afterList = hashes.hash(configuration);
        assertNotEquals(before, afterList);
        assertEquals(canonical(configuration), afterList);

        configuration.put("model", "flux");
        String afterModel = hashes.hash(configuration);
        assertNotEquals(afterList, afterModel);
        assertEquals(canonical(configuration), afterModel);

        configuration.put("model", "sdxl");
        sizes.remove(1);
        assertEquals(before, hashes.hash(configuration));
    }

    @Test
    void nullsListsAndMapsAreToldApart() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("seed", null);
        Map<String, Object> asList = Map.of("seed", List.of());
        Map<String, Object> asMap = Map.of("seed", Map.of());
        Map<String, Object> asText = Map.of("seed", "VALUE");
        for (Map<String, Object> configuration : List.of(withNull, asList, asMap, asText, withNull, asList, asMap, asText)) {
            assertEquals(canonical(configuration), hashes.hash(configuration));
        }
    }

    @Test
    void hostileConfigurationsAreRefusedEveryTime() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Map<String, Object> notJson = Map.of("thread", Thread.currentThread());
        for (int i = 0; i < 2; i++) {
            assertThrows(InvalidInputException.class, () -> hashes.hash(cyclic));
            assertThrows(InvalidInputException.class, () -> hashes.hash(notJson));
            assertThrows(InvalidInputException.class, () -> hashes.hash(Map.of("nan", Double.NaN)));
            assertThrows(InvalidInputException.class, () -> hashes.hash(null));
        }
        assertEquals(canonical(Map.of("ok", 1)), hashes.hash(Map.of("ok", 1)));
    }

    @Test
    void pastItsCapacityItStartsAgainAndStaysRight() {
        for (int i = 0; i < ConfigurationHashes.CAPACITY * 3; i++) {
            Map<String, Object> configuration = Map.of("seed", i);
            assertEquals(canonical(configuration), hashes.hash(configuration));
        }
        assertEquals(canonical(Map.of("seed", 7)), hashes.hash(Map.of("seed", 7)));
    }
}
