package dev.genstore.console.internal;

import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptId;
import dev.genstore.prompts.PromptThumbnail;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The prompt library: full-text search, most popular, most recent, with thumbnails. */
final class PromptPages {
    private PromptPages() {
    }

    static void register(ConsoleServer server) {
        server.get("/prompts", PromptPages::list);
        server.get("/prompts/([^/]+)/thumbnail", (request, view) -> {
            PromptId id = PromptId.parse(request.pathPart(1));
            PromptThumbnail thumbnail = view.store.prompts().thumbnail(id)
                    .orElseThrow(() -> new NotFoundException("thumbnail of prompt", id));
            return Response.bytes(thumbnail.mimeType(), thumbnail.bytes()).header("Cache-Control", "private, max-age=300");
        });
    }

    private static Response list(Request request, View view) {
        String query = request.value("q");
        String model = request.value("model");
        String sort = Optional.ofNullable(request.value("sort")).orElse("popular");
        PageRequest page = Inputs.page(request);
        Page<Prompt> prompts;
        if (query != null) {
            prompts = view.store.prompts().search(query, model, page);
        } else if (sort.equals("recent")) {
            prompts = view.store.prompts().mostRecent(model, page);
        } else if (sort.equals("popular")) {
            prompts = view.store.prompts().mostPopular(model, page);
        } else {
            throw new dev.genstore.errors.InvalidInputException("sort", "must be popular or recent, was " + Inputs.quote(sort));
        }
        Html body = new Html().add("<form method=\"get\" action=\"/prompts\" id=\"prompt-filters\" class=\"filters\">"
                + "<label>Search <input name=\"q\" id=\"q\" value=\"{}\"></label><label>Model <input name=\"model\" id=\"model\" value=\"{}\"></label>"
                + "<label>Order <select name=\"sort\" id=\"sort\" data-autosubmit><option value=\"popular\"{}>most popular</option>"
                + "<option value=\"recent\"{}>most recent</option></select></label><button id=\"search\">Show</button></form>",
                query, model, new Html.Safe(sort.equals("popular") ? " selected" : ""), new Html.Safe(sort.equals("recent") ? " selected" : ""));
        body.add("<table id=\"prompts\"><thead><tr><th></th><th>Prompt</th><th>Uses</th><th>Last used</th></tr></thead><tbody>");
        if (prompts.items().isEmpty()) {
            body.add("<tr><td colspan=\"4\">No prompts.</td></tr>");
        }
        for (Prompt prompt : prompts.items()) {
            boolean thumbnail = view.store.prompts().thumbnail(prompt.id()).isPresent();
            body.add("<tr class=\"prompt-row\"><td>{}</td><td class=\"prompt\">{}</td><td>{}</td><td>{}</td></tr>",
                    thumbnail ? new Html().add("<img class=\"small\" src=\"/prompts/{}/thumbnail\" alt=\"\">", prompt.id()).toSafe() : new Html.Safe(""),
                    prompt.text(), prompt.totalUses(), View.time(prompt.lastUsedAt()));
        }
        body.add("</tbody></table>");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("q", query);
        filters.put("model", model);
        filters.put("sort", sort);
        body.add(View.nextLink("/prompts", filters, prompts.nextCursor()));
        return view.page("Prompts", body);
    }
}
