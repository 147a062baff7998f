package dev.genstore.errors;

/** The requested move is not allowed from the current state (a released hold captured, say); nothing changed. */
public class IllegalTransitionException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final String from;
    private final String to;

    public IllegalTransitionException(String entity, Object id, Object from, Object to) {
        super(entity + " " + id + " cannot move from " + from + " to " + to);
        this.from = String.valueOf(from);
        this.to = String.valueOf(to);
    }

    /** The state the thing was in. */
    public String from() {
        return from;
    }

    /** The state that was asked for. */
    public String to() {
        return to;
    }
}
