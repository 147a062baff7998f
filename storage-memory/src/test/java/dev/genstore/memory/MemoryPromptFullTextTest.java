package dev.genstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.contract.MutableClock;
import dev.genstore.contract.TestImages;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.Prompts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The memory backend searches prompts through H2's native full-text index, and the index stays exactly the set of
 * live prompts through cleanups. White-box: a second connection to the store's named in-memory database reads H2's
 * {@code FT} tables.
 */
class MemoryPromptFullTextTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-09T14:15:16Z"), ZoneOffset.UTC);

    @Test
    void theFullTextIndexFollowsEveryInsertAndDelete() throws SQLException {
        String name = "prompt-fulltext-" + UUID.randomUUID();
        try (Genstore store = Genstore.builder().storage(MemoryStorage.named(name)).clock(clock).build();
             Connection raw = DriverManager.getConnection(MemoryStorage.url(name), "sa", "")) {
            Prompts prompts = store.prompts();
            prompts.record("an old lighthouse at dusk", "sdxl");
            prompts.record("赛博朋克风格的城市夜景", "sdxl");
            clock.advance(Duration.ofDays(30));
            Instant cutoff = clock.instant();
            prompts.record("a new lighthouse, 8k", "sdxl");
            prompts.record("a kept lighthouse with a thumbnail", "sdxl", TestImages.photoPng(64, 48, 7));
            assertEquals(ids(raw, "SELECT id FROM prompts"), indexedIds(raw));

            assertEquals(2, prompts.deleteUnusedSince(cutoff));
            assertEquals(ids(raw, "SELECT id FROM prompts"), indexedIds(raw));
            assertEquals(2, indexedIds(raw).size());
            assertEquals(Set.of(), searchIds(raw, "OLD"), "a deleted prompt's words find nothing");
            assertEquals(Set.of(), searchIds(raw, "城市"));

            assertEquals(1, prompts.deleteWithoutThumbnails());
            assertEquals(ids(raw, "SELECT id FROM prompts"), indexedIds(raw));
            assertEquals(List.of("a kept lighthouse with a thumbnail"), search(prompts, "lighthouse"));

            Prompt back = prompts.record("an OLD lighthouse at dusk", "dall-e-3");
            assertEquals(Set.of(back.id().value().toString()), searchIds(raw, "OLD"));
            assertEquals(List.of("an OLD lighthouse at dusk", "a kept lighthouse with a thumbnail"), search(prompts, "lighthouse"),
                    "the shorter prompt first");
        }
    }

    @Test
    void searchReadsTheFullTextIndexNotTheTable() throws SQLException {
        String name = "prompt-fulltext-" + UUID.randomUUID();
        try (Genstore store = Genstore.builder().storage(MemoryStorage.named(name)).clock(clock).build();
             Connection raw = DriverManager.getConnection(MemoryStorage.url(name), "sa", "");
             Statement s = raw.createStatement()) {
            Prompts prompts = store.prompts();
            prompts.record("a red fox in fresh snow", "sdxl");
            assertEquals(List.of("a red fox in fresh snow"), search(prompts, "fox snow"));

            // Without the index (its rows and trigger gone), the prompt is still in the table but no longer found.
            s.execute("CALL FT_DROP_INDEX('PUBLIC', 'PROMPTS')");
            assertEquals(1, prompts.statistics().prompts());
            assertEquals(List.of(), search(prompts, "fox snow"));
        }
    }

    @Test
    void aDatabaseOpenedAgainUnderAClosedOnesNameDoesNotInheritItsWords() {
        // H2 keeps word ids per database name in a JVM-wide cache; stale ids would make one word find another's prompts.
        String name = "prompt-fulltext-" + UUID.randomUUID();
        try (Genstore first = Genstore.builder().storage(MemoryStorage.named(name)).clock(clock).build()) {
            first.prompts().record("cat", "sdxl");
            first.prompts().record("dog", "sdxl");
        }
        try (Genstore second = Genstore.builder().storage(MemoryStorage.named(name)).clock(clock).build()) {
            second.prompts().record("fox", "sdxl");
            second.prompts().record("owl", "sdxl");
            assertEquals(List.of(), search(second.prompts(), "cat"));
            assertEquals(List.of(), search(second.prompts(), "dog"));
            assertEquals(List.of("fox"), search(second.prompts(), "fox"));
            assertEquals(List.of("owl"), search(second.prompts(), "owl"));
        }
    }

    private static List<String> search(Prompts prompts, String query) {
        List<String> texts = new ArrayList<>();
        for (Prompt p : prompts.search(query, null, PageRequest.first(50)).items()) {
            texts.add(p.text());
        }
        return texts;
    }

    /**
     * The prompt ids H2's full-text index holds, read from its own bookkeeping tables (a row's key is the condition
     * {@code "ID"='<uuid>'}), after checking that no word points at a row that is gone.
     */
    private static Set<String> indexedIds(Connection raw) throws SQLException {
        try (Statement s = raw.createStatement();
             ResultSet orphans = s.executeQuery("SELECT COUNT(*) FROM FT.MAP m WHERE NOT EXISTS"
                     + " (SELECT 1 FROM FT.ROWS r WHERE r.ID = m.ROWID)")) {
            orphans.next();
            assertEquals(0, orphans.getLong(1), "words of deleted rows");
        }
        return ids(raw, "SELECT SUBSTRING(\"KEY\", 7, 36) FROM FT.ROWS");
    }

    private static Set<String> searchIds(Connection raw, String words) throws SQLException {
        try (var select = raw.prepareStatement("SELECT CAST(\"KEYS\"[1] AS VARCHAR) FROM FT_SEARCH_DATA(?, 0, 0)")) {
            select.setString(1, words);
            return collect(select.executeQuery());
        }
    }

    private static Set<String> ids(Connection raw, String sql) throws SQLException {
        try (Statement s = raw.createStatement()) {
            return collect(s.executeQuery(sql));
        }
    }

    private static Set<String> collect(ResultSet rs) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (rs) {
            while (rs.next()) {
                ids.add(rs.getString(1).toLowerCase());
            }
        }
        assertTrue(ids.stream().allMatch(id -> id.length() == 36), () -> "ids " + ids);
        return ids;
    }
}
