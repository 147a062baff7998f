package dev.genstore.errors;

/** An argument was null, blank, malformed or out of range. Thrown before anything is written. */
public class InvalidInputException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    /** How many characters of caller input a message quotes at most. */
    public static final int QUOTED_CHARACTERS = 64;
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /**
     * How genstore quotes caller input in a message: at most the first {@value #QUOTED_CHARACTERS} characters, then
     * "…" when there were more; control characters and lone surrogates are shown as {@code \\uXXXX}. Emails and
     * codes are never quoted at all.
     */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int end = Math.min(text.length(), QUOTED_CHARACTERS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPaired(text, i)
                    || Character.getType(c) == Character.FORMAT) {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        return end < text.length() ? quoted + "…" : quoted.toString();
    }

    private static boolean isPaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The name of the offending argument or field, e.g. {@code "email"} or {@code "amount"}. */
    public String field() {
        return field;
    }
}
