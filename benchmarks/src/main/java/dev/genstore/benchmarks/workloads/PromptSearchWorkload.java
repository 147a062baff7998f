package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptNormalizer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Full-text search of the prompt library: the first page of 20 prompts, best match first
 * ({@code prompts().search(query, null, first(20))}), over {@code bench.prompts.size} prompts (1,000,000) built by
 * {@link PromptCorpus} from a vocabulary of art styles, subjects and modifiers; each query is two or three words of that
 * vocabulary ({@link PromptCorpus#query}). Every search is timed (p50, p99). One thread ({@code bench.prompts.threads}):
 * the latency of a search, not of a queue of them.
 *
 * <p>The prompts are bulk-loaded with plain JDBC batches into genstore's own schema (the index terms cut as genstore
 * cuts them, so its full-text index is the one {@code record} would have built); the baseline reads the same database,
 * since both sides only read. PostgreSQL is VACUUM ANALYZEd after loading, SQLite's WAL checkpointed and its FTS5
 * index optimized.
 *
 * <p>The baseline is the query an application would write by hand for the same page, with the same ranking: SQLite
 * {@code bm25()} over FTS5 with the words quoted, PostgreSQL {@code ts_rank} over the {@code tsvector} column with
 * the words joined by {@code &}, H2 its native full-text {@code FT_SEARCH_DATA} over the words joined by spaces,
 * shortest prompt first; it reads the same columns and builds the same page.
 */
public final class PromptSearchWorkload implements Workload {
    static final String DATABASE = "prompts_search";
    private static final int PAGE = 20;

    @Override
    public String name() {
        return "prompt-search";
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        int size = Settings.intProperty("bench.prompts.size", 1_000_000);
        int threads = Settings.intProperty("bench.prompts.threads", 1);
        try (Genstore store = Genstore.open(backend.genstoreNamed(DATABASE))) {
            long start = System.nanoTime();
            load(backend, size);
            System.err.printf(Locale.ROOT, "prompt-search %s: %,d prompts loaded in %.1f s%n", backend.name(), size,
                    (System.nanoTime() - start) / 1e9);
            RawDatabase raw = backend.rawReader(DATABASE);
            SearchTrial trial = new SearchTrial(backend.name(), threads, store, raw, size);
            try {
                return List.of(new Harness(settings).run(name(), backend.name(), trial).label("prompts", GalleryWorkload.label(size)));
            } finally {
                store.close();
                try {
                    raw.close();
                } catch (SQLException e) {
                    // H2's in-memory database may already be gone with the store that shared it.
                }
            }
        }
    }

    /** Loads prompts {@code 0 .. size-1} of the corpus, each used once on one of four models. */
    static void load(Backend backend, int size) throws SQLException {
        boolean sqlite = backend.name().equals("sqlite");
        Statements sql = new Statements(backend);
        try (Connection c = backend.connect(DATABASE)) {
            if (sqlite) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA cache_size = -262144");
                    s.execute("PRAGMA synchronous = OFF");
                }
            }
            c.setAutoCommit(false);
            Instant base = Instant.parse("2026-01-01T00:00:00Z");
            try (PreparedStatement prompts = c.prepareStatement("INSERT INTO prompts (id, text, normalized, hash,"
                    + " total_uses, first_used_at, last_used_at, search_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement models = c.prepareStatement("INSERT INTO prompt_models (prompt_id, model, uses)"
                         + " VALUES (?, ?, ?)")) {
                for (int i = 0; i < size; i++) {
                    Random random = new Random(0x9E3779B97F4A7C15L * (i + 1));
                    String text = PromptCorpus.prompt(i);
                    String normalized = PromptNormalizer.normalize(text);
                    UUID id = new UUID(0x01a0_0000_0000_7000L | (long) i << 16, 0x8000_0000_0000_0000L | random.nextLong() >>> 2);
                    Instant at = base.plusSeconds(i * 7L);
                    int uses = 1 + random.nextInt(5);
                    sql.uuid(prompts, 1, id);
                    prompts.setString(2, text);
                    prompts.setString(3, normalized);
                    prompts.setString(4, PromptNormalizer.hash(normalized));
                    prompts.setLong(5, uses);
                    sql.bind.instant(prompts, 6, at);
                    sql.bind.instant(prompts, 7, at.plusSeconds(random.nextInt(86_400)));
                    prompts.setString(8, PromptCorpus.terms(normalized));
                    prompts.addBatch();
                    sql.uuid(models, 1, id);
                    models.setString(2, "model-" + random.nextInt(4));
                    models.setLong(3, uses);
                    models.addBatch();
                    if ((i + 1) % 1_000 == 0 || i == size - 1) {
                        prompts.executeBatch();
                        models.executeBatch();
                        if ((i + 1) % 50_000 == 0 || i == size - 1) {
                            c.commit();
                        }
                    }
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                if (sqlite) {
                    s.execute("INSERT INTO prompts_fts (prompts_fts) VALUES ('optimize')");
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } else if (backend.name().equals("postgres")) {
                    s.execute("VACUUM ANALYZE prompts, prompt_models");
                }
            }
        }
    }

    private static final class SearchTrial implements Trial {
        private final int threads;
        private final Genstore store;
        private final RawDatabase raw;
        private final String backend;
        private final String search;

        SearchTrial(String backend, int threads, Genstore store, RawDatabase raw, int size) {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.raw = raw;
            String columns = "p.id, p.text, p.normalized, p.hash, p.total_uses, p.first_used_at, p.last_used_at";
            this.search = switch (backend) {
                case "sqlite" -> "SELECT " + columns + ", bm25(prompts_fts) AS score FROM prompts_fts"
                        + " JOIN prompts p ON p.fts_rowid = prompts_fts.rowid WHERE prompts_fts MATCH ?"
                        + " ORDER BY score, p.id LIMIT ?";
                case "postgres" -> "SELECT " + columns + ", -ts_rank(p.search_vector, q, 1) AS score"
                        + " FROM prompts p, CAST(? AS tsquery) q WHERE p.search_vector @@ q ORDER BY score, p.id LIMIT ?";
                default -> "SELECT " + columns + ", CAST(LENGTH(p.search_terms) AS DOUBLE PRECISION) AS score"
                        + " FROM FT_SEARCH_DATA(?, 0, 0) ft JOIN prompts p ON p.id = CAST(ft.\"KEYS\"[1] AS UUID)"
                        + " ORDER BY score, p.id LIMIT ?";
            };
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean recordsLatency() {
            return true;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public Operation genstore() {
            return () -> {
                List<Prompt> page = store.prompts().search(PromptCorpus.query(ThreadLocalRandom.current()), null,
                        PageRequest.first(PAGE)).items();
                if (page.size() > PAGE) {
                    throw new IllegalStateException("page too long");
                }
            };
        }

        @Override
        public Operation baseline() {
            return () -> search(PromptCorpus.query(ThreadLocalRandom.current()));
        }

        /** The page for {@code query} as hand-written JDBC finds it: the prompts' ids, best match first. */
        private List<String> search(String query) throws SQLException {
            List<String> words = List.of(PromptCorpus.terms(PromptNormalizer.normalize(query)).split(" "));
            return raw.inTransaction(c -> {
                try (PreparedStatement select = c.prepareStatement(search)) {
                    int next = 1;
                    switch (backend) {
                        case "sqlite" -> select.setString(next++, String.join(" ", words.stream().map(w -> '"' + w + '"').toList()));
                        case "postgres" -> select.setString(next++, String.join(" & ", words.stream().map(w -> "'" + w + "'").toList()));
                        default -> select.setString(next++, String.join(" ", words));
                    }
                    select.setInt(next, PAGE + 1);
                    List<String> ids = new ArrayList<>();
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next() && ids.size() < PAGE) {
                            // Every column read, as an application returning the prompts would.
                            ids.add(rs.getString(1));
                            rs.getString(2);
                            rs.getString(3);
                            rs.getString(4);
                            rs.getLong(5);
                            rs.getObject(6);
                            rs.getObject(7);
                            rs.getDouble(8);
                        }
                    }
                    return ids;
                }
            });
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws SQLException {
            // Both sides find the same page for the same query: the baseline does the work genstore does.
            Random random = new Random(42);
            int found = 0;
            for (int i = 0; i < 20; i++) {
                String query = PromptCorpus.query(random);
                List<String> genstore = store.prompts().search(query, null, PageRequest.first(PAGE)).items().stream()
                        .map(p -> p.id().toString()).toList();
                List<String> baseline = search(query);
                if (!genstore.equals(baseline)) {
                    throw new IllegalStateException("for '" + query + "' genstore found " + genstore + " but the baseline " + baseline);
                }
                found += genstore.isEmpty() ? 0 : 1;
            }
            if (found < 10) {
                throw new IllegalStateException("only " + found + " of 20 queries found anything");
            }
        }

        @Override
        public void close() {
        }
    }
}
