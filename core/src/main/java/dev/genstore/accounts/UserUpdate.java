package dev.genstore.accounts;

/**
 * Changes to a user's profile; a {@code null} component means "leave as it is". Start from {@link #change()}.
 *
 * @param email       a new email (normalized and unique like on creation), or {@code null}
 * @param displayName a new display name, or {@code null}
 * @param language    a new BCP 47 language tag, or {@code null}
 */
public record UserUpdate(String email, String displayName, String language) {
    /** An update that changes nothing yet. */
    public static UserUpdate change() {
        return new UserUpdate(null, null, null);
    }

    /** Also change the email. */
    public UserUpdate email(String newEmail) {
        return new UserUpdate(newEmail, displayName, language);
    }

    /** Also change the display name. */
    public UserUpdate displayName(String newName) {
        return new UserUpdate(email, newName, language);
    }

    /** Also change the language. */
    public UserUpdate language(String newTag) {
        return new UserUpdate(email, displayName, newTag);
    }
}
