package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * What a claim asks the storage for: up to {@code max} claimable jobs at {@code now} of {@code providers} (any when
 * empty) and {@code owners} (any when empty), leased to {@code worker} until {@code leaseEnd}.
 */
public record ClaimQuery(Instant now, Instant leaseEnd, String worker, int max, Set<String> providers, Set<UserId> owners) {
    /** The message a job gets when its lease expired on its last attempt and a claim fails it. */
    public static String expiredOnLastAttempt(String worker) {
        return "lease expired on the last attempt (worker " + worker + ")";
    }
}
