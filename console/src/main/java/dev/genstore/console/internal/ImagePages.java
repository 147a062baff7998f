package dev.genstore.console.internal;

import dev.genstore.accounts.UserId;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.QcStatus;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantKind;
import dev.genstore.jobs.JobId;
import dev.genstore.paging.Page;
import dev.genstore.qa.QualityCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's images: the gallery with filters, one image's variants, metadata and QC checks, and the thumbnail stream.
 * Every read names the owner and the image, so an image id under another user's path is not found.
 */
final class ImagePages {
    private ImagePages() {
    }

    static void register(ConsoleServer server) {
        server.get("/users/([^/]+)/images", ImagePages::gallery);
        server.get("/users/([^/]+)/images/([^/]+)", ImagePages::detail);
        server.get("/users/([^/]+)/images/([^/]+)/thumbnail", (request, view) -> {
            UserId owner = UserId.parse(request.pathPart(1));
            ImageId id = ImageId.parse(request.pathPart(2));
            Image image = view.store.images().get(owner, id);
            String type = image.variants().stream().filter(v -> v.kind() == VariantKind.THUMBNAIL).findFirst()
                    .map(v -> v.format().contentType()).orElseThrow(() -> new dev.genstore.errors.NotFoundException("thumbnail of image", id));
            return Response.stream(type, view.store.images().openVariant(owner, id, VariantKind.THUMBNAIL))
                    .header("Cache-Control", "private, max-age=300");
        });
    }

    /** A gallery tile: the thumbnail (when there is one) and the title, linking to the image. */
    static Html.Safe tile(Image image) {
        boolean thumbnail = image.variants().stream().anyMatch(v -> v.kind() == VariantKind.THUMBNAIL);
        String link = "/users/" + image.owner() + "/images/" + image.id();
        Html tile = new Html().add("<a class=\"tile\" href=\"{}\">", link);
        if (thumbnail) {
            tile.add("<img src=\"{}/thumbnail\" alt=\"{}\">", link, image.title() == null ? "" : image.title());
        } else {
            tile.add("<span class=\"no-thumbnail\">{}</span>", image.status());
        }
        return tile.add("<span class=\"title\">{}</span></a>", image.title() == null ? JobPages.shortId(image.id().toString()) : image.title()).toSafe();
    }

    private static Response gallery(Request request, View view) {
        UserId owner = UserId.parse(request.pathPart(1));
        String email = view.store.accounts().get(owner).email();
        ImageStatus status = Inputs.choice(request, "status", ImageStatus.class);
        QcStatus qc = Inputs.choice(request, "qc", QcStatus.class);
        String tag = request.value("tag");
        String job = request.value("job");
        ImageFilter filter = ImageFilter.all();
        if (status != null) {
            filter = filter.statuses(status);
        }
        if (qc != null) {
            filter = filter.qcStatuses(qc);
        }
        if (tag != null) {
            filter = filter.tag(tag);
        }
        if (job != null) {
            filter = filter.job(JobId.parse(job));
        }
        Page<Image> images = view.store.images().list(owner, filter, Inputs.page(request));
        Html body = new Html().add("<p><a href=\"/users/{}\">{}</a></p>", owner, email);
        body.add("<form method=\"get\" id=\"image-filters\" class=\"filters\"><label>Status <select name=\"status\" id=\"status\" data-autosubmit><option value=\"\">any</option>");
        for (ImageStatus each : ImageStatus.values()) {
            body.add(each == status ? "<option selected>{}</option>" : "<option>{}</option>", each.name());
        }
        body.add("</select></label><label>QC <select name=\"qc\" id=\"qc\" data-autosubmit><option value=\"\">any</option>");
        for (QcStatus each : QcStatus.values()) {
            body.add(each == qc ? "<option selected>{}</option>" : "<option>{}</option>", each.name());
        }
        body.add("</select></label><label>Tag <input name=\"tag\" id=\"tag\" value=\"{}\"></label>"
                + "<label>Job <input name=\"job\" id=\"job\" value=\"{}\"></label><button id=\"filter\">Filter</button></form>", tag, job);
        body.add("<div class=\"gallery\" id=\"gallery\">");
        if (images.items().isEmpty()) {
            body.add("<p>No images.</p>");
        }
        images.items().forEach(image -> body.add(tile(image)));
        body.add("</div>");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status == null ? null : status.name());
        filters.put("qc", qc == null ? null : qc.name());
        filters.put("tag", tag);
        filters.put("job", job);
        body.add(View.nextLink("/users/" + owner + "/images", filters, images.nextCursor()));
        return view.page("Images of " + email, body);
    }

    private static Response detail(Request request, View view) {
        UserId owner = UserId.parse(request.pathPart(1));
        Image image = view.store.images().get(owner, ImageId.parse(request.pathPart(2)));
        Html body = new Html();
        body.add(tile(image));
        body.add("<dl id=\"image\"><dt>Title</dt><dd id=\"image-title\">{}</dd><dt>Description</dt><dd>{}</dd><dt>Tags</dt><dd>{}</dd>"
                        + "<dt>Type / status</dt><dd>{} / {}</dd><dt>Prompt</dt><dd class=\"prompt\">{}</dd><dt>Model / seed</dt><dd>{} / {}</dd>"
                        + "<dt>Job</dt><dd>{}</dd><dt>Original</dt><dd>{}</dd><dt>QC</dt><dd id=\"image-qc\">{} {}</dd>"
                        + "<dt>Metadata</dt><dd><code>{}</code></dd><dt>Created</dt><dd>{}</dd></dl>",
                image.title(), image.description(), String.join(", ", image.tags()), image.type(), image.status(), image.prompt(),
                image.model(), image.seed(), image.jobId() == null ? new Html.Safe("–")
                        : new Html().add("<a href=\"/jobs/{}\">{}</a>", image.jobId(), image.jobId()).toSafe(),
                image.content() == null ? "–" : image.content().format() + " " + image.content().width() + "×" + image.content().height()
                        + ", " + OverviewPage.bytes(image.content().bytes()),
                image.qcStatus(), image.qcReason() == null ? "" : image.qcReason(), image.metadata(), View.time(image.createdAt()));
        body.add("<h2>Variants</h2><table id=\"variants\"><thead><tr><th>Kind</th><th>Format</th><th>Size</th><th>Bytes</th></tr></thead><tbody>");
        for (Variant variant : image.variants()) {
            body.add("<tr><td>{}</td><td>{}</td><td>{}×{}</td><td>{}</td></tr>", variant.kind(), variant.format(), variant.width(),
                    variant.height(), OverviewPage.bytes(variant.bytes()));
        }
        body.add("</tbody></table><h2>QC checks</h2><table id=\"checks\"><thead><tr><th>Checker</th><th>Status</th><th>Score</th>"
                + "<th>Reasons</th><th>Review</th><th>At</th></tr></thead><tbody>");
        for (QualityCheck check : view.store.qa().checks(owner, image.id())) {
            body.add("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>", check.checker(), check.status(),
                    check.overallScore(), String.join("; ", check.reasons()), check.reviewer(), check.reviewNote(), View.time(check.createdAt()));
        }
        body.add("</tbody></table>");
        return view.page(image.title() == null ? "Image " + JobPages.shortId(image.id().toString()) : image.title(), body);
    }
}
