package dev.genstore.console.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page being written: trusted markup from the console's own literals, with every value escaped by default. A value
 * goes into a template's {@code {}} slot escaped for text and attribute context alike; only {@link Safe} markup (made
 * here, never from input) is inserted as is. Prompts, titles, emails and error messages are hostile input: they only
 * ever reach a page through a slot.
 */
public final class Html {
    private static final Pattern SLOT = Pattern.compile("\\{}");
    private final StringBuilder out = new StringBuilder(8192);

    /** Markup that is already safe: built by an {@link Html}, never from a request or the store. */
    public record Safe(String markup) {
        @Override
        public String toString() {
            return markup;
        }
    }

    /** Appends {@code template} (a trusted literal) with each {@code {}} replaced by the next value, escaped. */
    public Html add(String template, Object... values) {
        Matcher slots = SLOT.matcher(template);
        int from = 0;
        int next = 0;
        while (slots.find()) {
            out.append(template, from, slots.start());
            if (next >= values.length) {
                throw new IllegalArgumentException("more slots than values in " + template);
            }
            Object value = values[next++];
            out.append(value instanceof Safe safe ? safe.markup() : escape(value == null ? "" : String.valueOf(value)));
            from = slots.end();
        }
        if (next != values.length) {
            throw new IllegalArgumentException("more values than slots in " + template);
        }
        out.append(template, from, template.length());
        return this;
    }

    /** Appends the markup of another page part. */
    public Html add(Safe markup) {
        out.append(markup.markup());
        return this;
    }

    /** What was written, as safe markup to insert elsewhere. */
    public Safe toSafe() {
        return new Safe(out.toString());
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes text for an HTML text node or a quoted attribute value. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '`' -> escaped.append("&#96;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
