package dev.genstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical form that makes equal configurations hash alike. */
class CanonicalJsonTest {
    @Test
    void keysAreSortedAndThereIsNoWhitespace() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", List.of(1, "x", true));
        map.put("a", null);
        assertEquals("{\"a\":null,\"b\":[1,\"x\",true]}", CanonicalJson.canonical(map));
    }

    @Test
    void numbersAreWrittenFromTheirExactValue() {
        assertEquals("1", CanonicalJson.number(1.0));
        assertEquals("1", CanonicalJson.number(new BigDecimal("1.000")));
        assertEquals("0", CanonicalJson.number(-0.0));
        assertEquals("0.1", CanonicalJson.number(0.1));
        assertEquals("10000000", CanonicalJson.number(1.0E7));
        assertEquals("1E21", CanonicalJson.number(new BigInteger("1000000000000000000000")));
        assertEquals("123456789012345678901", CanonicalJson.number(new BigInteger("123456789012345678901")));
        assertEquals("1E-31", CanonicalJson.number(new BigDecimal("1E-31")));
    }

    @Test
    void equalConfigurationsHashAlikeWhateverTheirSpelling() {
        String a = CanonicalJson.hash("config", "{\"steps\": 30, \"cfg\": 7.50, \"sampler\": \"euler\"}");
        String b = CanonicalJson.hash("config", Map.of("sampler", "euler", "cfg", 7.5, "steps", 30L));
        assertEquals(a, b);
        assertEquals(64, a.length());
        assertNotEquals(a, CanonicalJson.hash("config", "{\"steps\": 31, \"cfg\": 7.5, \"sampler\": \"euler\"}"));
    }

    @Test
    void textThatIsNotAJsonObjectIsRefusedNamingTheField() {
        assertEquals("config", assertThrows(InvalidInputException.class, () -> CanonicalJson.hash("config", "[1]")).field());
        assertEquals("config", assertThrows(InvalidInputException.class, () -> CanonicalJson.hash("config", "{")).field());
        assertEquals("config", assertThrows(InvalidInputException.class, () -> CanonicalJson.hash("config", "null")).field());
    }
}
