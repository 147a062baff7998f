package dev.genstore.examples.gallery;

import dev.genstore.auth.IssuedCode;

/**
 * Delivers a sign-in code to its email address. The example has no mail server: {@link DevOutbox} stands in. A real
 * service defines its own bean of this type (SMTP, a mail API) and the outbox goes away.
 */
public interface CodeSender {
    /** Sends {@code code.code()} to {@code code.email()}. */
    void send(IssuedCode code);
}
