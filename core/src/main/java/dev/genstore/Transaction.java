package dev.genstore;

import dev.genstore.accounts.Accounts;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.budget.Budgets;
import dev.genstore.cache.ImageCache;
import dev.genstore.images.Images;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.Jobs;
import dev.genstore.ledger.Ledger;
import dev.genstore.prompts.Prompts;
import dev.genstore.qa.QualityAssurance;

/**
 * The services, inside one {@link Genstore#transaction} call: what they do commits together or not at all. Use them
 * on the thread that runs the transaction, and not after it returned.
 */
public interface Transaction {
    /** Users, roles and identities. */
    Accounts accounts();

    /** One-time-password challenges. */
    OneTimePasswords otp();

    /** Token accounts, ledger entries and holds. */
    Ledger ledger();

    /** Job configurations and generation jobs. */
    Jobs jobs();

    /** The job queue workers claim from. */
    JobQueue queue();

    /** Generated and uploaded images with their variants. */
    Images images();

    /** Provider spend, limits, reservations and alerts. */
    Budgets budgets();

    /** The prompt library. */
    Prompts prompts();
    /** Quality checks of images and their regeneration requests. */
    QualityAssurance qa();

    /** The generated-image cache. */
    ImageCache cache();
}
