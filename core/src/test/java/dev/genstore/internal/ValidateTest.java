package dev.genstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The checks every service runs on its input, each failing with the field's name. */
class ValidateTest {
    @Test
    void textIsTrimmedAndBoundedAndHasNoControlCharacters() {
        assertEquals("ann", Validate.text("name", "  ann ", 3));
        assertRefused("name", () -> Validate.text("name", "anna", 3));
        assertRefused("name", () -> Validate.text("name", "   ", 3));
        assertRefused("name", () -> Validate.text("name", "a\u0000", 3));
        assertRefused("name", () -> Validate.text("name", null, 3));
        assertRefused("name", () -> Validate.text("name", "a\uD800", 3));
        assertEquals("a\nb", Validate.multilineText("prompt", "a\nb", 10));
        assertRefused("prompt", () -> Validate.multilineText("prompt", "a\u0007", 10));
    }

    @Test
    void emailsAreLowerCasedAndMustLookLikeOne() {
        assertEquals("ann@example.com", Validate.email(" Ann@Example.COM "));
        assertRefused("email", () -> Validate.email("ann"));
        assertRefused("email", () -> Validate.email("ann@localhost"));
        assertRefused("email", () -> Validate.email("a".repeat(65) + "@example.com"));
    }

    @Test
    void languagesRolesAndProvidersHaveTheirShape() {
        assertEquals("pt-BR", Validate.language("pt-br"));
        assertRefused("language", () -> Validate.language("not a tag"));
        assertEquals("admin", Validate.role("Admin"));
        assertRefused("role", () -> Validate.role("1admin"));
        assertEquals("openai", Validate.provider("OpenAI"));
        assertRefused("provider", () -> Validate.provider("open ai"));
    }

    @Test
    void instantsDurationsAndAmountsStayInRange() {
        assertEquals(Instant.EPOCH, Validate.instant("at", Instant.EPOCH));
        assertRefused("at", () -> Validate.instant("at", Instant.MAX));
        assertEquals(null, Validate.optionalInstant("at", null));
        assertRefused("ttl", () -> Validate.duration("ttl", Duration.ofSeconds(-1)));
        assertRefused("ttl", () -> Validate.positiveDuration("ttl", Duration.ZERO));
        assertRefused("amount", () -> Validate.summedAmount("amount", -1));
        assertRefused("amount", () -> Validate.summedAmount("amount", Validate.MAX_SUMMED_AMOUNT + 1));
        assertRefused("total", () -> Validate.addToTotal("total", Long.MAX_VALUE, 1));
        assertRefused("amount", () -> Validate.positive("amount", 0));
    }

    @Test
    void collectionsMustNotHoldNull() {
        assertEquals(List.of("a"), Validate.elements("tags", List.of("a")));
        assertRefused("tags", () -> Validate.elements("tags", Arrays.asList("a", null)));
    }

    private static void assertRefused(String field, Executable call) {
        assertEquals(field, assertThrows(InvalidInputException.class, call).field());
    }
}
