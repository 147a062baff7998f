package dev.genstore.internal.ops;

import dev.genstore.auth.OneTimePasswords;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.budget.Budgets;
import dev.genstore.cache.ImageCache;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.images.ImagesService;
import dev.genstore.ledger.Ledger;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.ops.MaintenanceReport;
import dev.genstore.ops.Operations;
import dev.genstore.ops.PurgeReport;
import dev.genstore.ops.PurgeRequest;
import dev.genstore.ops.SizeReport;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.Prompts;
import dev.genstore.spi.OperationsRepository.BlobOwner;
import dev.genstore.spi.StorageOperations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Verify, maintain, measure and purge a store, reusing each area's own checks and expiry rules. */
public final class OperationsService implements Operations {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsService.class);
    private static final int PAGE = PageRequest.MAX_SIZE;

    private final ServiceContext context;
    private volatile IntegrityReport lastVerification;
    private final Ledger ledger;
    private final ImagesService images;
    private final OneTimePasswords otp;
    private final Budgets budgets;
    private final ImageCache cache;
    private final Prompts prompts;

    public OperationsService(ServiceContext context, Ledger ledger, ImagesService images, OneTimePasswords otp,
                             Budgets budgets, ImageCache cache, Prompts prompts) {
        this.context = context;
        this.ledger = ledger;
        this.images = images;
        this.otp = otp;
        this.budgets = budgets;
        this.cache = cache;
        this.prompts = prompts;
    }

    // ---- verify ---------------------------------------------------------------------------------------------------

    @Override
    public IntegrityReport verify() {
        return verify(PurgeRequest.DEFAULT_ORPHAN_GRACE);
    }

    @Override
    public Optional<IntegrityReport> lastVerification() {
        return Optional.ofNullable(lastVerification);
    }

    @Override
    public Optional<String> schemaVersion() {
        return context.storage().operations().schemaVersion();
    }

    @Override
    public IntegrityReport verify(Duration orphanGrace) {
        Instant cutoff = cutoff("orphanGrace", orphanGrace);
        requireOutsideTransaction();
        List<IntegrityProblem> problems = new ArrayList<>(context.storage().operations().check());
        for (LedgerDiscrepancy d : ledger.verify()) {
            problems.add(new IntegrityProblem(IntegrityProblem.LEDGER, "user " + d.userId(), d.kind() + ": " + d.detail()));
        }
        problems.addAll(context.storage().read(r -> r.operations().jobCounterProblems()));
        problems.addAll(context.storage().read(r -> r.operations().cacheCounterProblems()));
        problems.addAll(context.storage().read(r -> r.operations().cacheContentProblems()));
        BlobSweepReport sweep = images.sweep(orphanGrace, false);
        for (BlobSweepReport.MissingBlob missing : sweep.missingBlobs()) {
            problems.add(new IntegrityProblem(IntegrityProblem.BLOB_MISSING, missing.storageKey(), "image " + missing.imageId()
                    + (missing.kind() == null ? " (original)" : " (" + missing.kind() + " variant)") + " names it"));
        }
        for (BlobOwner owner : BlobOwner.values()) {
            for (String key : missingBlobs(owner)) {
                problems.add(new IntegrityProblem(IntegrityProblem.BLOB_MISSING, key, owner.description() + " names it"));
            }
        }
        for (String key : sweep.orphanBlobs()) {
            problems.add(new IntegrityProblem(IntegrityProblem.BLOB_ORPHAN, key, "no image row names it"));
        }
        for (BlobOwner owner : BlobOwner.values()) {
            for (String key : orphans(owner, cutoff)) {
                problems.add(new IntegrityProblem(IntegrityProblem.BLOB_ORPHAN, key, "no row names it; expected "
                        + owner.description()));
            }
        }
        IntegrityReport report = new IntegrityReport(problems);
        lastVerification = report;
        return report;
    }

    private List<String> missingBlobs(BlobOwner owner) {
        List<String> missing = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            List<String> keys = context.storage().read(r -> r.operations().blobKeysAfter(owner, from, PAGE));
            if (keys.isEmpty()) {
                return missing;
            }
            List<String> suspects = keys.stream().filter(key -> !context.blobs().exists(key)).toList();
            if (!suspects.isEmpty()) {
                // A row deleted meanwhile (an eviction) goes before its blob: report only what a row still names.
                Set<String> named = context.storage().read(r -> r.operations().referencedKeys(owner, suspects));
                suspects.stream().filter(key -> named.contains(key) && !context.blobs().exists(key)).forEach(missing::add);
            }
            after = keys.get(keys.size() - 1);
        }
    }

    /**
     * Blobs under {@code owner}'s prefix (inside genstore's root: nothing outside it is ever an orphan) that none of
     * its rows names, made at or before {@code cutoff} (by the UUID v7 in the key). A suspect is looked at again after
     * the listing: a row deleted meanwhile goes before its blob, which is gone by then.
     */
    private List<String> orphans(BlobOwner owner, Instant cutoff) {
        List<String> suspects = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<BlobInfo> page = context.blobs().list(owner.prefix(), request);
            List<String> keys = page.items().stream().map(BlobInfo::key).toList();
            Set<String> referenced = keys.isEmpty() ? Set.of() : context.storage().read(r -> r.operations().referencedKeys(owner, keys));
            for (String key : keys) {
                if (!referenced.contains(key) && keyTime(owner, key).map(t -> !t.isAfter(cutoff)).orElse(true)) {
                    suspects.add(key);
                }
            }
            if (!page.hasNext()) {
                return suspects.stream().filter(key -> context.blobs().exists(key)).toList();
            }
            request = page.next(PAGE).orElseThrow();
        }
    }

    /** When a key was made: the milliseconds of the UUID v7 after the owner's prefix (up to an extension). */
    private static Optional<Instant> keyTime(BlobOwner owner, String key) {
        String name = key.substring(owner.prefix().length());
        int dot = name.indexOf('.');
        try {
            UUID id = UUID.fromString(dot < 0 ? name : name.substring(0, dot));
            return id.version() == 7 ? Optional.of(Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16)) : Optional.empty();
        } catch (IllegalArgumentException notAnEntryKey) {
            return Optional.empty();
        }
    }

    // ---- maintain and measure -------------------------------------------------------------------------------------

    @Override
    public MaintenanceReport maintain() {
        requireOutsideTransaction();
        return new MaintenanceReport(context.storage().operations().maintain());
    }

    @Override
    public SizeReport sizes() {
        return sizes(10);
    }

    @Override
    public SizeReport sizes(int largestUsers) {
        if (largestUsers < 0 || largestUsers > 1000) {
            throw new InvalidInputException("largestUsers", "must be between 0 and 1000, was " + largestUsers);
        }
        requireOutsideTransaction();
        StorageOperations database = context.storage().operations();
        long blobBytes = 0;
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<BlobInfo> page = context.blobs().list("", request);
            blobBytes += page.items().stream().mapToLong(BlobInfo::size).sum();
            if (!page.hasNext()) {
                break;
            }
            request = page.next(PAGE).orElseThrow();
        }
        return new SizeReport(database.databaseBytes(), blobBytes, database.rowsPerTable(),
                largestUsers == 0 ? List.of() : context.storage().read(r -> r.operations().largestUsers(largestUsers)));
    }

    // ---- purge ----------------------------------------------------------------------------------------------------

    @Override
    public PurgeReport purge(PurgeRequest request) {
        Validate.notNull("request", request);
        request.orphanBlobGrace().ifPresent(grace -> Validate.duration("orphanBlobsOlderThan", grace));
        request.archivedJobAge().ifPresent(age -> Validate.duration("archivedJobsOlderThan", age));
        request.promptsUnusedSince().ifPresent(cutoff -> Validate.instant("promptsUnusedSince", cutoff));
        requireOutsideTransaction();
        boolean dry = request.dryRun();
        Map<String, Long> removed = new LinkedHashMap<>();
        if (request.oneTimePasswords()) {
            removed.put(PurgeRequest.ONE_TIME_PASSWORDS, rows(dry, otp::purgeExpired));
        }
        if (request.expiredHolds()) {
            removed.put(PurgeRequest.EXPIRED_HOLDS, rows(dry, ledger::releaseExpiredHolds));
        }
        if (request.expiredReservations()) {
            removed.put(PurgeRequest.EXPIRED_RESERVATIONS, rows(dry, budgets::expireReservations));
        }
        if (request.expiredCacheEntries()) {
            removed.put(PurgeRequest.CACHE_ENTRIES, rows(dry, cache::evictExpired));
        }
        request.archivedJobAge().ifPresent(age -> removed.put(PurgeRequest.ARCHIVED_JOBS, rows(dry, () -> {
            Instant cutoff = context.now().minus(age);
            return context.storage().write(r -> r.operations().deleteArchivedJobsBefore(cutoff));
        })));
        request.promptsUnusedSince().ifPresent(cutoff ->
                removed.put(PurgeRequest.UNUSED_PROMPTS, rows(dry, () -> prompts.deleteUnusedSince(cutoff))));
        request.orphanBlobGrace().ifPresent(grace -> removed.put(PurgeRequest.ORPHAN_BLOBS, orphanBlobs(grace, dry)));
        return new PurgeReport(dry, removed);
    }

    /**
     * Runs {@code work} in a write transaction; in a dry run, rolls it back and returns the count it reached. The same
     * code runs either way, so a dry run counts exactly what a real run would remove at that moment (effects outside
     * the database, such as deleting the bytes of dropped cache entries, wait for a commit that never comes).
     */
    private long rows(boolean dryRun, IntSupplier work) {
        if (!dryRun) {
            return context.storage().write(r -> work.getAsInt());
        }
        try {
            context.storage().write(r -> {
                throw new RolledBack(work.getAsInt());
            });
        } catch (RolledBack rolledBack) {
            return rolledBack.count;
        }
        throw new IllegalStateException("a dry run committed");
    }

    /** Thrown to roll a dry run's transaction back. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient long count;

        RolledBack(long count) {
            super(null, null, false, false);
            this.count = count;
        }
    }

    private long orphanBlobs(Duration grace, boolean dryRun) {
        Instant cutoff = context.now().minus(grace);
        List<String> orphans = new ArrayList<>(images.orphanBlobs(cutoff));
        for (BlobOwner owner : BlobOwner.values()) {
            orphans.addAll(orphans(owner, cutoff));
        }
        if (!dryRun) {
            images.removeLeftovers();
            for (String key : orphans) {
                try {
                    context.blobs().delete(key);
                } catch (RuntimeException e) {
                    LOG.warn("could not delete orphan blob {}: {}", key, e.toString());
                }
            }
        }
        return orphans.size();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Instant cutoff(String field, Duration grace) {
        return context.now().minus(Validate.duration(field, grace));
    }

    /**
     * Operations open their own transactions and connections (a dry run rolls its transaction back; maintenance needs
     * SQLite's writer connection), which an enclosing transaction would swallow or hold. An after-commit action runs
     * at once exactly when the thread is in no transaction.
     */
    private void requireOutsideTransaction() {
        boolean[] outside = {false};
        context.storage().afterCommit(() -> outside[0] = true);
        if (!outside[0]) {
            throw new NestedTransactionException("store operations run their own transactions: call them outside genstore.transaction(...)");
        }
    }
}
