package dev.genstore.examples.gallery;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.auth.VerifiedCode;
import dev.genstore.errors.ConflictException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in with a one-time code: {@code POST /auth/code} sends one, {@code POST /auth/verify} exchanges it for a bearer
 * token. The first sign-in of an address creates the user and credits the welcome tokens, in one transaction.
 */
@RestController
public class AuthController {
    private final Genstore genstore;
    private final CodeSender sender;
    private final SessionTokens sessions;
    private final GalleryProperties properties;

    public AuthController(Genstore genstore, CodeSender sender, SessionTokens sessions, GalleryProperties properties) {
        this.genstore = genstore;
        this.sender = sender;
        this.sessions = sessions;
        this.properties = properties;
    }

    /** {@code {"email": …}}. */
    public record CodeRequest(String email) {
    }

    /** What {@code /auth/code} answers: never the code itself. */
    public record CodeSent(String email, Instant expiresAt) {
    }

    /** {@code {"email": …, "code": …}}. */
    public record VerifyRequest(String email, String code) {
    }

    /** A signed-in session: send {@code token} as {@code Authorization: Bearer …}. */
    public record Session(String token, Instant expiresAt, String userId, String email, boolean newUser) {
    }

    @PostMapping("/auth/code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public CodeSent sendCode(@RequestBody CodeRequest request) {
        var issued = genstore.otp().issue(request.email()); // bad address: InvalidInputException (400); too many: 429
        sender.send(issued);
        return new CodeSent(issued.email(), issued.expiresAt());
    }

    @PostMapping("/auth/verify")
    public Session verify(@RequestBody VerifyRequest request) {
        VerifiedCode verified = genstore.otp().verify(request.email(), request.code()); // refused: 401, one text for all reasons
        Optional<User> existing = genstore.accounts().findByEmail(verified.email());
        User user = existing.orElseGet(() -> signUp(verified.email()));
        SessionTokens.Issued token = sessions.issue(user.id());
        return new Session(token.token(), token.expiresAt(), user.id().toString(), user.email(), existing.isEmpty());
    }

    private User signUp(String email) {
        try {
            return genstore.transaction(tx -> {
                User user = tx.accounts().create(NewUser.withEmail(email));
                if (properties.welcomeTokens() > 0) {
                    tx.ledger().credit(user.id(), properties.welcomeTokens(), "WELCOME", "welcome:" + user.id());
                }
                return user;
            });
        } catch (ConflictException raced) {
            // Another request signed this address up a moment ago (and credited it): use that user.
            return genstore.accounts().findByEmail(email).orElseThrow(() -> raced);
        }
    }
}
