package dev.genstore.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every data table of genstore's schema with its data columns and key, parents before children, so inserting in this
 * order satisfies every foreign key. Export, import and copy walk this list and carry exactly these columns; a column
 * that is not here is not exported. Left out on purpose: the schema history table, and what a backend derives from the
 * rows and rebuilds itself (full-text indexes, generated columns: {@code Dialect.derived()} in genstore-storage-jdbc).
 * The {@link #BLOBS} table is listed, but its rows travel through the blob stores.
 *
 * <p>The list is written by hand and checked, not generated: the contract {@code LiveSchemaContract} (genstore-core's
 * test-jar) reads each backend's migrated database through JDBC metadata and fails when a table or column exists there
 * and not here, or here and not there, unless the backend lists it as not exported with a reason. So a migration that
 * adds a table or a column must add it here too (see "Adding a column" in docs/architecture.md).
 */
public final class TableCatalog {
    /** The table of blobs kept in the database: carried through the blob stores rather than as rows. */
    public static final String BLOBS = "blobs";

    private static final List<TableSpec> TABLES = List.of(
            table("users", "id", "id UUID, email TEXT, display_name TEXT, language TEXT, created_at INSTANT, updated_at INSTANT,"
                    + " given_name TEXT, family_name TEXT"),
            table("user_roles", "user_id, role", "user_id UUID, role TEXT"),
            table("user_identities", "provider, subject", "provider TEXT, subject TEXT, user_id UUID, created_at INSTANT"),
            table("otp_challenges", "id", "id UUID, email TEXT, salt BYTES, code_hash BYTES, attempts INT, max_attempts INT,"
                    + " created_at INSTANT, expires_at INSTANT, used_at INSTANT"),
            table("otp_limits", "email", "email TEXT, issue_window_end INSTANT, issues INT, failure_window_end INSTANT,"
                    + " failures INT"),
            table("token_accounts", "user_id", "user_id UUID, plan TEXT, balance LONG, held LONG, last_sequence LONG,"
                    + " created_at INSTANT, updated_at INSTANT"),
            table("ledger_entries", "user_id, sequence", "user_id UUID, sequence LONG, amount LONG, reason TEXT,"
                    + " reference_id TEXT, balance_after LONG, hold_id UUID, created_at INSTANT"),
            table("token_holds", "id", "id UUID, user_id UUID, amount LONG, captured LONG, reason TEXT, reference_id TEXT,"
                    + " status TEXT, expires_at INSTANT, created_at INSTANT, settled_at INSTANT"),
            table("job_configurations", "id", "id UUID, owner_id UUID, name TEXT, settings JSON, created_at INSTANT,"
                    + " updated_at INSTANT"),
            table("jobs", "id", "id UUID, owner_id UUID, configuration_id UUID, prompt TEXT, parameters JSON, provider TEXT,"
                    + " model TEXT, token_cost LONG, priority INT, status TEXT, outcome TEXT, total_images INT,"
                    + " successful_images INT, failed_images INT, attempts INT, max_attempts INT, run_after INSTANT,"
                    + " lease_owner TEXT, lease_expires_at INSTANT, error_message TEXT, idempotency_key TEXT, hold_id UUID,"
                    + " created_at INSTANT, started_at INSTANT, completed_at INSTANT, capture_rule TEXT"),
            table("provider_limits", "provider", "provider TEXT, max_running INT"),
            table("provider_rate_limits", "provider", "provider TEXT, max_claims INT, window_millis LONG"),
            table("provider_claims", "provider, claimed_at", "provider TEXT, claimed_at INSTANT, claims INT"),
            table("images", "id", "id UUID, owner_id UUID, job_id UUID, type TEXT, status TEXT, error_message TEXT,"
                    + " title TEXT, description TEXT, prompt TEXT, seed LONG, model TEXT, processing_settings JSON,"
                    + " metadata JSON, qc_status TEXT, qc_reason TEXT, format TEXT, width INT, height INT, byte_count LONG,"
                    + " sha256 TEXT, storage_key TEXT, tokens_used LONG, created_at INSTANT, updated_at INSTANT"),
            table("image_tags", "image_id, tag", "image_id UUID, owner_id UUID, tag TEXT"),
            table("image_variants", "image_id, kind", "image_id UUID, kind TEXT, format TEXT, width INT, height INT,"
                    + " byte_count LONG, storage_key TEXT"),
            table(BLOBS, "blob_key", "blob_key TEXT, content_type TEXT, byte_count LONG, content BYTES, created_at INSTANT"),
            table("budget_limits", "id", "id UUID, scope TEXT, period TEXT, currency TEXT, amount LONG, thresholds TEXT,"
                    + " hard INT, created_at INSTANT, updated_at INSTANT"),
            table("budget_spend", "id", "id UUID, provider TEXT, model TEXT, currency TEXT, amount LONG, job_id UUID,"
                    + " user_id UUID, reservation_id UUID, spent_at INSTANT"),
            table("budget_reservations", "id", "id UUID, provider TEXT, model TEXT, currency TEXT, amount LONG, status TEXT,"
                    + " created_at INSTANT, expires_at INSTANT, settled_at INSTANT, spend_id UUID"),
            table("budget_alerts", "id", "id UUID, limit_id UUID, period_key TEXT, threshold INT, spent LONG, amount LONG,"
                    + " created_at INSTANT"),
            table("prompts", "id", "id UUID, text TEXT, normalized TEXT, hash TEXT, total_uses LONG,"
                    + " first_used_at INSTANT, last_used_at INSTANT, search_terms TEXT"),
            table("prompt_models", "prompt_id, model", "prompt_id UUID, model TEXT, uses LONG"),
            table("prompt_thumbnails", "prompt_id", "prompt_id UUID, mime_type TEXT, width INT, height INT, content BYTES, storage_key TEXT,"
                    + " created_at INSTANT"),
            table("quality_checks", "id", "id UUID, image_id UUID, owner_id UUID, checker TEXT, status TEXT,"
                    + " overall_score DOUBLE, scores TEXT, reasons TEXT, reviewer TEXT, review_note TEXT, created_at INSTANT,"
                    + " checked_at INSTANT, reviewed_at INSTANT"),
            table("regenerations", "job_id", "job_id UUID, owner_id UUID, image_id UUID, check_id UUID, reason TEXT,"
                    + " created_at INSTANT"),
            table("cache_entries", "id", "id UUID, namespace TEXT, item_key TEXT, config_hash TEXT, blob_key TEXT,"
                    + " content_type TEXT, byte_count LONG, metadata TEXT, source_image_id UUID, hit_count LONG,"
                    + " created_at INSTANT, last_accessed_at INSTANT"),
            table("cache_contents", "entry_id", "entry_id UUID, content BYTES"),
            seeded(table("cache_counters", "id", "id INT, hits LONG, misses LONG, evictions LONG")));

    private TableCatalog() {
    }

    /** Every table, parents before children. */
    public static List<TableSpec> tables() {
        return TABLES;
    }

    /** The table named {@code name}, if genstore has one. */
    public static Optional<TableSpec> table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static TableSpec table(String name, String key, String columns) {
        List<ColumnSpec> specs = new ArrayList<>();
        for (String column : columns.split(",")) {
            String[] parts = column.trim().split(" ");
            specs.add(new ColumnSpec(parts[0], LogicalType.valueOf(parts[1])));
        }
        List<String> keys = List.of(key.split(", "));
        TableSpec spec = new TableSpec(name, specs, keys, false);
        keys.forEach(spec::indexOf); // a key column missing from the columns fails at class initialization
        return spec;
    }

    private static TableSpec seeded(TableSpec spec) {
        return new TableSpec(spec.name(), spec.columns(), spec.key(), true);
    }
}
