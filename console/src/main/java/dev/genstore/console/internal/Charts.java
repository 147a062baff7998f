package dev.genstore.console.internal;

import java.util.Map;

/**
 * Charts drawn on the server as inline SVG (no script library, nothing to load): horizontal bars, each labelled with
 * its name and figure. Labels are escaped like any other text.
 */
final class Charts {
    private static final int WIDTH = 520;
    private static final int LABEL = 150;
    private static final int ROW = 24;

    private Charts() {
    }

    /** One bar per entry, scaled to the largest value. */
    static Html.Safe bars(String id, Map<String, Long> values) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Html svg = new Html().add("<svg class=\"chart\" id=\"{}\" width=\"{}\" height=\"{}\" role=\"img\">",
                id, WIDTH, Math.max(ROW, values.size() * ROW));
        int y = 0;
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            int length = max == 0 ? 0 : (int) Math.max(entry.getValue() > 0 ? 2 : 0, (WIDTH - LABEL - 70) * entry.getValue() / max);
            svg.add("<text x=\"0\" y=\"{}\" class=\"label\">{}</text>", y + 16, entry.getKey());
            svg.add("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" class=\"bar\"></rect>", LABEL, y + 4, length);
            svg.add("<text x=\"{}\" y=\"{}\" class=\"figure\">{}</text>", LABEL + length + 6, y + 16, entry.getValue());
            y += ROW;
        }
        return svg.add("</svg>").toSafe();
    }

    /** Spent (and reserved) against a limit: a track, the spent part filled, red when at or over the limit. */
    static Html.Safe gauge(long spent, long reserved, long limit) {
        int track = 300;
        int used = limit <= 0 ? track : (int) Math.min(track, track * spent / limit);
        int held = limit <= 0 ? 0 : (int) Math.min(track - used, track * reserved / limit);
        String kind = spent >= limit ? "over" : spent * 100 >= limit * 80L ? "near" : "ok";
        return new Html().add("<svg class=\"gauge\" width=\"{}\" height=\"14\" role=\"img\">"
                        + "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"14\" class=\"track\"></rect>"
                        + "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"14\" class=\"spent {}\"></rect>"
                        + "<rect x=\"{}\" y=\"0\" width=\"{}\" height=\"14\" class=\"reserved\"></rect></svg>",
                track, track, used, kind, used, held).toSafe();
    }
}
