package dev.genstore.spi;

/** The repositories bound to one transaction. Valid only inside the {@code read}/{@code write} call that gave them. */
public interface Repositories {
    /** Users, roles and identities. */
    UserRepository users();

    /** One-time-password challenges. */
    OtpRepository otp();

    /** Token accounts, entries and holds. */
    LedgerRepository ledger();

    /** Job configurations, jobs and provider limits. */
    JobRepository jobs();

    /** Images, their tags and variants. */
    ImageRepository images();

    /** Blobs kept in the database. */
    BlobRepository blobs();

    /** Budget limits, spend, reservations and alerts. */
    BudgetRepository budgets();

    /** Prompts, their uses per model and their full-text index. */
    PromptRepository prompts();
    /** Quality checks and regeneration requests. */
    QaRepository qa();

    /** Cache entries and counters. */
    CacheRepository cache();

    /** Every table row by row, for export, import and copy. */
    TableRepository tables();

    /** Whole-store queries for checking, measuring and purging. */
    OperationsRepository operations();
}
