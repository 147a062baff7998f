package dev.genstore.console.internal;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Jobs: every user's jobs filtered by status, provider and owner; one job; retry, cancel, pause and resume. */
final class JobPages {
    private JobPages() {
    }

    static void register(ConsoleServer server) {
        server.get("/jobs", JobPages::list);
        server.get("/jobs/([^/]+)", (request, view) -> detail(view, JobId.parse(request.pathPart(1))));
        server.post("/jobs/([^/]+)/cancel", (request, view) -> after(view.store.jobs().operator().cancel(JobId.parse(request.pathPart(1)))));
        server.post("/jobs/([^/]+)/pause", (request, view) -> after(view.store.jobs().operator().pause(JobId.parse(request.pathPart(1)))));
        server.post("/jobs/([^/]+)/resume", (request, view) -> after(view.store.jobs().operator().resume(JobId.parse(request.pathPart(1)))));
        server.post("/jobs/([^/]+)/retry", (request, view) -> after(retry(view, JobId.parse(request.pathPart(1)))));
    }

    private static Response after(Job job) {
        return Response.redirect("/jobs/" + job.id());
    }

    /**
     * A failed or cancelled job is not run again (the state machine ends there): retry submits the same job anew, with
     * an idempotency key naming the original, so a second click finds the first retry instead of making another.
     */
    private static Job retry(View view, JobId id) {
        Job job = view.store.jobs().operator().get(id);
        if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
            throw new IllegalTransitionException("job", id, job.status(), "retried (only a FAILED or CANCELLED job is)");
        }
        NewJob again = NewJob.of(job.owner(), job.prompt(), job.provider(), job.model())
                .parameters(job.parameters()).tokenCost(job.tokenCost()).totalImages(job.totalImages())
                .priority(job.priority()).maxAttempts(job.maxAttempts()).capture(job.captureRule())
                .idempotencyKey("console-retry-" + job.id());
        if (job.configurationId() != null) {
            again = again.configuration(job.configurationId());
        }
        return view.store.jobs().submit(again);
    }

    private static Response list(Request request, View view) {
        JobStatus status = Inputs.choice(request, "status", JobStatus.class);
        String provider = request.value("provider");
        String owner = request.value("owner");
        JobSelection selection = JobSelection.all();
        if (provider != null) {
            selection = selection.provider(provider);
        }
        if (owner != null) {
            selection = selection.owner(owner.contains("@") ? Inputs.user(view, owner).id() : UserId.parse(owner));
        }
        PageRequest page = Inputs.page(request);
        Page<Job> jobs = view.store.jobs().operator().list(selection, status == null ? Set.of() : Set.of(status), page);

        Html body = new Html().add("<form method=\"get\" action=\"/jobs\" id=\"job-filters\" class=\"filters\">"
                + "<label>Status <select name=\"status\" id=\"status\" data-autosubmit><option value=\"\">any</option>");
        for (JobStatus each : JobStatus.values()) {
            body.add(each == status ? "<option selected>{}</option>" : "<option>{}</option>", each.name());
        }
        body.add("</select></label><label>Provider <input name=\"provider\" id=\"provider\" value=\"{}\"></label>"
                + "<label>Owner (id or email) <input name=\"owner\" id=\"owner\" value=\"{}\"></label>"
                + "<button id=\"filter\">Filter</button></form>", provider, owner);
        body.add("<table id=\"jobs\"><thead><tr><th>Job</th><th>Status</th><th>Provider</th><th>Model</th><th>Owner</th>"
                + "<th>Prompt</th><th>Attempts</th><th>Created</th></tr></thead><tbody>");
        if (jobs.items().isEmpty()) {
            body.add("<tr><td colspan=\"8\">No jobs.</td></tr>");
        }
        for (Job job : jobs.items()) {
            body.add("<tr class=\"job\"><td><a href=\"/jobs/{}\">{}</a></td><td class=\"status\">{}</td><td>{}</td><td>{}</td>"
                            + "<td><a href=\"/users/{}\">{}</a></td><td class=\"prompt\">{}</td><td>{}/{}</td><td>{}</td></tr>",
                    job.id(), shortId(job.id().toString()), job.status(), job.provider(), job.model(), job.owner(),
                    shortId(job.owner().toString()), abbreviate(job.prompt(), 80), job.attempts(), job.maxAttempts(), View.time(job.createdAt()));
        }
        body.add("</tbody></table>");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status == null ? null : status.name());
        filters.put("provider", provider);
        filters.put("owner", owner);
        body.add(View.nextLink("/jobs", filters, jobs.nextCursor()));
        return view.page("Jobs", body);
    }

    private static Response detail(View view, JobId id) {
        Job job = view.store.jobs().operator().get(id);
        Html body = new Html();
        body.add("<dl id=\"job\"><dt>Id</dt><dd>{}</dd><dt>Status</dt><dd id=\"job-status\">{}</dd><dt>Owner</dt><dd><a href=\"/users/{}\">{}</a></dd>"
                        + "<dt>Provider / model</dt><dd>{} / {}</dd><dt>Prompt</dt><dd id=\"job-prompt\" class=\"prompt\">{}</dd>"
                        + "<dt>Parameters</dt><dd><code>{}</code></dd><dt>Tokens</dt><dd>{}</dd><dt>Images</dt><dd>{} asked, {} made, {} failed</dd>"
                        + "<dt>Attempts</dt><dd>{} of {}</dd><dt>Priority</dt><dd>{}</dd><dt>Run after</dt><dd>{}</dd>"
                        + "<dt>Lease</dt><dd>{} until {}</dd><dt>Error</dt><dd id=\"job-error\">{}</dd>"
                        + "<dt>Created / started / completed</dt><dd>{} / {} / {}</dd><dt>Idempotency key</dt><dd>{}</dd></dl>",
                job.id(), job.status(), job.owner(), job.owner(), job.provider(), job.model(), job.prompt(), job.parameters(),
                job.tokenCost(), job.totalImages(), job.successfulImages(), job.failedImages(), job.attempts(), job.maxAttempts(),
                job.priority(), View.time(job.runAfter()), job.leaseOwner() == null ? "–" : job.leaseOwner(),
                View.time(job.leaseExpiresAt()), job.errorMessage() == null ? "–" : job.errorMessage(),
                View.time(job.createdAt()), View.time(job.startedAt()), View.time(job.completedAt()),
                job.idempotencyKey() == null ? "–" : job.idempotencyKey());
        if (job.holdId() != null) {
            view.store.ledger().operator().findHold(job.holdId()).ifPresent(hold -> body.add(
                    "<h2>Hold</h2><p id=\"hold\">{} tokens held, {} captured, {} (expires {})</p>",
                    hold.amount(), hold.captured(), hold.status(), View.time(hold.expiresAt())));
        }
        body.add("<h2>Actions</h2><p class=\"actions\">");
        if (view.canAct()) {
            if (job.status() == JobStatus.QUEUED) {
                body.add(view.button("/jobs/" + job.id() + "/pause", "Pause", "pause"));
            }
            if (job.status() == JobStatus.PAUSED) {
                body.add(view.button("/jobs/" + job.id() + "/resume", "Resume", "resume"));
            }
            if (!job.status().isFinished() && job.status() != JobStatus.ARCHIVED) {
                body.add(view.button("/jobs/" + job.id() + "/cancel", "Cancel", "cancel"));
            }
            if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
                body.add(view.button("/jobs/" + job.id() + "/retry", "Retry as a new job", "retry"));
            }
        } else {
            body.add(view.readOnly ? "Read-only: no actions." : "<a href=\"/login\">Sign in</a> to act on this job.");
        }
        body.add("</p><h2>Images</h2><div class=\"gallery\">");
        Page<Image> images = view.store.images().list(job.owner(), ImageFilter.all().job(job.id()), PageRequest.first(50));
        if (images.items().isEmpty()) {
            body.add("<p>No images.</p>");
        }
        images.items().forEach(image -> body.add(ImagePages.tile(image)));
        body.add("</div>");
        return view.page("Job " + shortId(job.id().toString()), body);
    }

    /** The tail of an id: ids are time-ordered UUIDs, so their heads are alike and their tails tell them apart. */
    static String shortId(String id) {
        return id.length() > 8 ? "…" + id.substring(id.length() - 8) : id;
    }

    static String abbreviate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
