package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.prompts.PromptNormalizer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recording prompts as an app does after each generation: {@code prompts().record(text, model)} on
 * {@code bench.prompts.threads} threads (4), 30 % of them repeats of a prompt recorded earlier (a use counted), the rest
 * new prompts of {@link PromptCorpus} (a prompt inserted and indexed for full-text search), on one of four models. Both
 * databases start with {@code bench.prompts.seed} prompts (10,000) recorded through genstore, so repeats have a pool.
 *
 * <p>The baseline runs, in one transaction per record, the statements genstore's record runs (JdbcPromptRepository):
 * find the prompt by the hash of its normalized text; count a use (UPDATE) or insert it with its index terms (which
 * SQLite's trigger copies into FTS5, PostgreSQL's generated column into its GIN index); count the model's use (UPDATE,
 * INSERT when there was none); read the prompt back to return it. It normalizes and hashes the text as genstore does.
 * A repeat is drawn from prompts at least 1,000 places behind the newest, so it was committed before (both sides alike).
 */
public final class PromptRecordWorkload implements TrialWorkload {
    private static final String COLUMNS = "id, text, normalized, hash, total_uses, first_used_at, last_used_at";
    private static final String SELECT_BY_HASH = "SELECT " + COLUMNS + " FROM prompts WHERE hash = ?";
    private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM prompts WHERE id = ?";
    private static final String COUNT_USE = "UPDATE prompts SET total_uses = total_uses + 1, last_used_at = CASE"
            + " WHEN last_used_at < ? THEN ? ELSE last_used_at END WHERE id = ?";
    private static final String INSERT = "INSERT INTO prompts (id, text, normalized, hash, total_uses, first_used_at,"
            + " last_used_at, search_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COUNT_MODEL = "UPDATE prompt_models SET uses = uses + 1 WHERE prompt_id = ? AND model = ?";
    private static final String INSERT_MODEL = "INSERT INTO prompt_models (prompt_id, model, uses) VALUES (?, ?, 1)";
    private static final int LAG = 1_000;

    @Override
    public String name() {
        return "prompt-record";
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.prompts.threads", 4);
        int seed = Math.max(LAG, Settings.intProperty("bench.prompts.seed", 10_000));
        Genstore store = Genstore.open(backend.genstore("prompts_record_genstore"));
        try {
            seed(store, seed);
            try (Genstore seeding = Genstore.open(backend.baselineSchema("prompts_record_baseline"))) {
                seed(seeding, seed);
            }
            return new RecordTrial(backend, threads, store, backend.raw("prompts_record_baseline"), seed);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    private static void seed(Genstore store, int count) {
        store.useTransaction(tx -> {
            for (int i = 0; i < count; i++) {
                tx.prompts().record(PromptCorpus.prompt(i), "model-" + i % 4);
            }
        });
    }

    private static final class RecordTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final Genstore store;
        private final RawDatabase raw;
        private final Statements sql;
        private final Ids ids = new Ids();
        private final Clock clock = Clock.systemUTC();
        private final long seeded;
        private final AtomicLong genstoreNext;
        private final AtomicLong baselineNext;

        RecordTrial(Backend backend, int threads, Genstore store, RawDatabase raw, long seeded) {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.raw = raw;
            this.sql = new Statements(backend);
            this.seeded = seeded;
            this.genstoreNext = new AtomicLong(seeded);
            this.baselineNext = new AtomicLong(seeded);
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        /** The corpus index of the next prompt to record: 30 % a repeat of an older one, else a new one. */
        private static long nextIndex(AtomicLong next) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(10) < 3) {
                return random.nextLong(next.get() - LAG);
            }
            return next.getAndIncrement();
        }

        @Override
        public Operation genstore() {
            return () -> store.prompts().record(PromptCorpus.prompt(nextIndex(genstoreNext)),
                    "model-" + ThreadLocalRandom.current().nextInt(4));
        }

        @Override
        public Operation baseline() {
            return () -> record(PromptCorpus.prompt(nextIndex(baselineNext)), "model-" + ThreadLocalRandom.current().nextInt(4));
        }

        /** A record as an application would hand-write it: one prompt per normalized text, uses counted exactly. */
        private void record(String text, String model) throws SQLException {
            String normalized = PromptNormalizer.normalize(text.strip());
            String hash = PromptNormalizer.hash(normalized);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            raw.inTransaction(c -> {
                UUID id = null;
                try (PreparedStatement select = c.prepareStatement(SELECT_BY_HASH)) {
                    select.setString(1, hash);
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            id = sql.uuid(rs, "id");
                        }
                    }
                }
                if (id != null) {
                    try (PreparedStatement update = c.prepareStatement(COUNT_USE)) {
                        sql.bind.instant(update, 1, now);
                        sql.bind.instant(update, 2, now);
                        sql.uuid(update, 3, id);
                        update.executeUpdate();
                    }
                } else {
                    id = ids.next();
                    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                        sql.uuid(insert, 1, id);
                        insert.setString(2, text.strip());
                        insert.setString(3, normalized);
                        insert.setString(4, hash);
                        insert.setLong(5, 1);
                        sql.bind.instant(insert, 6, now);
                        sql.bind.instant(insert, 7, now);
                        insert.setString(8, PromptCorpus.terms(normalized));
                        insert.executeUpdate();
                    }
                }
                int counted;
                try (PreparedStatement update = c.prepareStatement(COUNT_MODEL)) {
                    sql.uuid(update, 1, id);
                    update.setString(2, model);
                    counted = update.executeUpdate();
                }
                if (counted == 0) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT_MODEL)) {
                        sql.uuid(insert, 1, id);
                        insert.setString(2, model);
                        insert.executeUpdate();
                    }
                }
                try (PreparedStatement select = c.prepareStatement(SELECT_BY_ID)) {
                    sql.uuid(select, 1, id);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("prompt " + id + " vanished");
                        }
                        return rs.getLong("total_uses");
                    }
                }
            });
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            check("genstore", store, seeded + genstoreOps, genstoreNext.get());
            try (Genstore baseline = Genstore.open(backend.baselineSchema("prompts_record_baseline"))) {
                check("baseline", baseline, seeded + baselineOps, baselineNext.get());
            }
        }

        /** Every record counted one use, and every new prompt is one prompt. */
        private static void check(String side, Genstore store, long records, long prompts) {
            var statistics = store.prompts().statistics();
            if (statistics.uses() != records || statistics.prompts() != prompts) {
                throw new IllegalStateException(side + ": " + records + " records of " + prompts + " prompts, but the"
                        + " library holds " + statistics.prompts() + " prompts with " + statistics.uses() + " uses");
            }
        }

        @Override
        public void close() throws Exception {
            try {
                raw.close();
            } finally {
                store.close();
            }
        }
    }
}
