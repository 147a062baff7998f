package dev.genstore.examples.gallery;

import dev.genstore.auth.OtpRejectedException;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.RateLimitedException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.ImageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * genstore's exceptions as HTTP answers with an RFC 9457 problem body ({@code application/problem+json}); Spring MVC's
 * own (a missing header, an unreadable body) get one too, from {@link ResponseEntityExceptionHandler}. Each genstore
 * exception means one thing a client can act on, so each gets its own status; the messages say what was wrong with the
 * request and never quote an email address, a code or a secret.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(ImageTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(ImageTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Image too large", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "Invalid input", e.getMessage());
        response.getBody().setProperty("field", e.field());
        return response;
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    /** 402: the request is fine, the account cannot pay for it; nothing was written. */
    @ExceptionHandler(InsufficientBalanceException.class)
    ResponseEntity<ProblemDetail> insufficient(InsufficientBalanceException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.PAYMENT_REQUIRED, "Not enough tokens", e.getMessage());
        response.getBody().setProperty("available", e.available());
        response.getBody().setProperty("requested", e.requested());
        return response;
    }

    @ExceptionHandler(BudgetExceededException.class)
    ResponseEntity<ProblemDetail> budget(BudgetExceededException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Spending limit reached", "the service's spending limit for now is reached");
    }

    @ExceptionHandler({ConflictException.class, IllegalTransitionException.class})
    ResponseEntity<ProblemDetail> conflict(GenstoreException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /** One text whatever the reason, so the answer does not tell which addresses asked for codes. */
    @ExceptionHandler(OtpRejectedException.class)
    ResponseEntity<ProblemDetail> codeRefused(OtpRejectedException e) {
        LOG.info("sign-in code refused: {}", e.reason());
        return problem(HttpStatus.UNAUTHORIZED, "Code refused", e.publicMessage());
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return withRetryAfter(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage()),
                e.retryAfter().toSeconds() + 1);
    }

    @ExceptionHandler(ImageProviderException.class)
    ResponseEntity<ProblemDetail> provider(ImageProviderException e) {
        LOG.warn("image provider failed: {}", e.getMessage());
        return problem(HttpStatus.BAD_GATEWAY, "Generation failed", "the image could not be generated; no tokens were "
                + "charged: try again with a new Idempotency-Key");
    }

    @ExceptionHandler(SignedInUserResolver.NotSignedInException.class)
    ResponseEntity<ProblemDetail> notSignedIn(SignedInUserResolver.NotSignedInException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNAUTHORIZED, "Not signed in", e.getMessage());
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(response.getBody());
    }

    /** A retryable storage failure wrote nothing: 503 and try again; any other is the server's fault. */
    @ExceptionHandler(StorageException.class)
    ResponseEntity<ProblemDetail> storage(StorageException e) {
        LOG.warn("storage failure", e);
        return e.retryable()
                ? withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "Try again", "the database is busy or unreachable"), 1)
                : problem(HttpStatus.INTERNAL_SERVER_ERROR, "Storage failure", "the request could not be stored");
    }

    @ExceptionHandler(GenstoreException.class)
    ResponseEntity<ProblemDetail> other(GenstoreException e) {
        LOG.error("unexpected genstore failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request failed");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        return ResponseEntity.status(status).body(body);
    }

    private static ResponseEntity<ProblemDetail> withRetryAfter(ResponseEntity<ProblemDetail> response, long seconds) {
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(response.getBody());
    }
}
