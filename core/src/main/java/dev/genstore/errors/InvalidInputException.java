package dev.genstore.errors;

/** An argument was null, blank, malformed or out of range. Thrown before anything is written. */
public class InvalidInputException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The name of the offending argument or field, e.g. {@code "email"} or {@code "amount"}. */
    public String field() {
        return field;
    }
}
