package dev.genstore.console.internal;

import dev.genstore.Genstore;
import dev.genstore.budget.BudgetStatus;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.ops.SizeReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The overview: the queue per provider, jobs per status, budgets against their limits, the cache, sizes, the last verify. */
final class OverviewPage {
    private OverviewPage() {
    }

    static void register(ConsoleServer server) {
        server.get("/", (request, view) -> view.page("Overview", render(view.store)));
    }

    private static Html render(Genstore store) {
        Html body = new Html().add("<div class=\"grid\">");
        body.add("<section id=\"queue\"><h2>Queue per provider</h2><table><thead><tr><th>Provider</th><th>Queued</th>"
                + "<th>Lag</th><th>Running limit</th></tr></thead><tbody>");
        Map<String, QueueLevel> levels = store.jobs().operator().queueLevels();
        Map<String, Integer> limits = store.queue().providerLimits();
        if (levels.isEmpty()) {
            body.add("<tr><td colspan=\"4\">Nothing queued.</td></tr>");
        }
        levels.values().stream().sorted(java.util.Comparator.comparing(QueueLevel::provider)).forEach(level ->
                body.add("<tr><td><a href=\"/jobs?provider={}&amp;status=QUEUED\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        View.encode(level.provider()), level.provider(), level.depth(), duration(level.lag()),
                        Optional.ofNullable(limits.get(level.provider())).map(String::valueOf).orElse("none")));
        body.add("</tbody></table></section>");

        Duration window = Duration.ofHours(24);
        body.add("<section id=\"statuses\"><h2>Jobs per status</h2>{}<h3>Created in the last 24 hours</h3>{}</section>",
                Charts.bars("jobs-per-status", counts(store, JobSelection.all())),
                Charts.bars("jobs-last-day", counts(store, JobSelection.all().createdAfter(store.clock().instant().minus(window)))));

        body.add("<section id=\"budgets\"><h2>Budgets</h2>");
        var statuses = store.budgets().statuses();
        if (statuses.isEmpty()) {
            body.add("<p>No budget limits set.</p>");
        }
        for (BudgetStatus status : statuses) {
            body.add("<p class=\"budget\">{} {} · {} of {} {} {}</p>", status.limit().provider() == null ? "all providers" : status.limit().provider(),
                    status.limit().period(), status.spent(), status.limit().amount(), status.limit().currency(),
                    Charts.gauge(status.spent(), status.reserved(), status.limit().amount()));
        }
        body.add("</section>");

        CacheStatistics cache = store.cache().statistics();
        long lookups = cache.hits() + cache.misses();
        body.add("<section id=\"cache\"><h2>Image cache</h2><dl><dt>Hit ratio</dt><dd id=\"cache-hit-ratio\">{}</dd>"
                        + "<dt>Hits / misses</dt><dd>{} / {}</dd><dt>Entries</dt><dd>{}</dd><dt>Bytes</dt><dd>{}</dd></dl></section>",
                lookups == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * cache.hits() / lookups),
                cache.hits(), cache.misses(), cache.entries(), bytes(cache.bytes()));

        SizeReport sizes = store.operations().sizes();
        body.add("<section id=\"size\"><h2>Store size</h2><dl><dt>Database</dt><dd>{}</dd><dt>Blobs</dt><dd>{}</dd></dl></section>",
                bytes(sizes.databaseBytes()), bytes(sizes.blobBytes()));

        Optional<IntegrityReport> verified = store.operations().lastVerification();
        body.add("<section id=\"verify\"><h2>Last verify</h2><p>{}</p><p><a href=\"/health\">Health</a></p></section>",
                verified.map(r -> r.problems().isEmpty() ? "No problems." : r.problems().size() + " problem(s).")
                        .orElse("Not verified since the store was opened."));
        return body.add("</div>");
    }

    static Map<String, Long> counts(Genstore store, JobSelection selection) {
        Map<String, Long> counts = new LinkedHashMap<>();
        store.jobs().operator().countByStatus(selection).forEach((JobStatus status, Long count) -> counts.put(status.name(), count));
        return counts;
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
