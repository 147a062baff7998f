package dev.genstore.errors;

/** The thing named by an id (a user, an account, a hold, ...) does not exist, or is not visible to its owner. */
public class NotFoundException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final String entity;
    private final String id;

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " not found");
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    /**
     * Missing as the thing {@code where} names, e.g. {@code jobs[3]} of a batch: the message starts with it.
     */
    public NotFoundException(String entity, Object id, String where) {
        super(where + ": " + entity + " " + id + " not found");
        this.entity = entity;
        this.id = String.valueOf(id);
    }

    /** What kind of thing was missing, e.g. {@code "user"}. */
    public String entity() {
        return entity;
    }

    /** The id that was looked up. */
    public String id() {
        return id;
    }
}
