package dev.genstore.accounts;

/**
 * Changes to a user's profile; a {@code null} component means "leave as it is". Start from {@link #change()}.
 *
 * @param email       a new email (normalized and unique like on creation), or {@code null}
 * @param displayName a new display name, or {@code null}
 * @param givenName   a new given (first) name, or {@code null}
 * @param familyName  a new family (last) name, or {@code null}
 * @param language    a new BCP 47 language tag, or {@code null}
 */
public record UserUpdate(String email, String displayName, String givenName, String familyName, String language) {
    /** An update of email, display name and language only (the fields this record had before names were added). */
    public UserUpdate(String email, String displayName, String language) {
        this(email, displayName, null, null, language);
    }

    /** An update that changes nothing yet. */
    public static UserUpdate change() {
        return new UserUpdate(null, null, null, null, null);
    }

    /** Also change the email. */
    public UserUpdate email(String newEmail) {
        return new UserUpdate(newEmail, displayName, givenName, familyName, language);
    }

    /** Also change the display name. */
    public UserUpdate displayName(String newName) {
        return new UserUpdate(email, newName, givenName, familyName, language);
    }

    /** Also change the given (first) name. */
    public UserUpdate givenName(String newName) {
        return new UserUpdate(email, displayName, newName, familyName, language);
    }

    /** Also change the family (last) name. */
    public UserUpdate familyName(String newName) {
        return new UserUpdate(email, displayName, givenName, newName, language);
    }

    /** Also change the language. */
    public UserUpdate language(String newTag) {
        return new UserUpdate(email, displayName, givenName, familyName, newTag);
    }
}
