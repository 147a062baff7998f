package dev.genstore.cli;

import dev.genstore.budget.BudgetStatus;
import dev.genstore.budget.SpendSummary;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.ops.SizeReport;
import dev.genstore.ops.UserUsage;
import dev.genstore.prompts.PromptStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "stats", description = {
        "Shows what the store holds and how it is used: jobs and images, prompts, the image cache, budgets and spend.",
        "Then the sizes: database bytes (-1 when the backend cannot tell), blob bytes, rows per table and the users"
                + " whose images take the most bytes.",
        "Reads only (it counts every row and lists every blob); the schema must be up to date."})
final class StatsCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        Report report = newReport();
        readExisting(true, report, store -> {
            JobStatistics jobs = store.jobs().statistics(JobScope.all());
            Map<String, Object> j = report.group("jobs");
            j.put("total", jobs.totalJobs());
            j.put("completed", jobs.completedJobs());
            j.put("failed", jobs.failedJobs());
            j.put("cancelled", jobs.cancelledJobs());
            j.put("images", jobs.totalImages());
            j.put("successfulImages", jobs.successfulImages());
            j.put("failedImages", jobs.failedImages());
            j.put("averageDuration", String.valueOf(jobs.averageDuration()));
            j.put("p95Duration", String.valueOf(jobs.p95Duration()));

            PromptStatistics prompts = store.prompts().statistics();
            Map<String, Object> p = report.group("prompts");
            p.put("total", prompts.prompts());
            p.put("uses", prompts.uses());
            p.put("thumbnails", prompts.thumbnails());
            p.put("usesPerModel", new LinkedHashMap<>(new java.util.TreeMap<>(prompts.usesPerModel())));

            CacheStatistics cache = store.cache().statistics();
            Map<String, Object> c = report.group("cache");
            c.put("entries", cache.entries());
            c.put("bytes", cache.bytes());
            c.put("hits", cache.hits());
            c.put("misses", cache.misses());
            c.put("hitRatio", Math.round(cache.hitRatio() * 1000) / 1000.0);
            c.put("evictions", cache.evictions());

            Map<String, Object> budgets = report.group("budgets");
            for (BudgetStatus status : store.budgets().statuses()) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("period", status.period().key());
                b.put("limit", status.limit().amount());
                b.put("spent", status.spent());
                b.put("reserved", status.reserved());
                b.put("remaining", status.remaining());
                // provider.period.currency: no spaces, so the text output stays one token per key.
                String provider = status.limit().provider() == null ? "global" : status.limit().provider();
                budgets.put(provider + "." + status.limit().period().name().toLowerCase(java.util.Locale.ROOT) + "."
                        + status.limit().currency(), b);
            }
            Map<String, Object> spend = report.group("spend");
            List<SpendSummary> all = store.budgets().spend(Instant.EPOCH, store.clock().instant().plusSeconds(1));
            for (SpendSummary s : all) {
                spend.put(s.provider() + "/" + s.model() + "/" + s.currency(), s.total());
            }

            SizeReport sizes = store.operations().sizes();
            Map<String, Object> z = report.group("sizes");
            z.put("databaseBytes", sizes.databaseBytes());
            z.put("blobBytes", sizes.blobBytes());
            z.put("rows", new LinkedHashMap<>(sizes.rowsPerTable()));
            z.put("largestUsers", sizes.largestUsers().stream().map(StatsCommand::usage).toList());
            return null;
        });
        print(report);
        return Exit.OK;
    }

    private static Map<String, Object> usage(UserUsage usage) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("user", usage.user().toString());
        u.put("images", usage.images());
        u.put("bytes", usage.bytes());
        return u;
    }
}
