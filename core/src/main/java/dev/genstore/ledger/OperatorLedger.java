package dev.genstore.ledger;

import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import java.util.Optional;

/**
 * An operator's view of the {@link Ledger} ({@code ledger().operator()}): holds by id alone, whoever holds them. For
 * admin tools and housekeeping; an application acting for an end user calls the owner-scoped forms on {@link Ledger}.
 * Same rules and exceptions otherwise.
 */
public interface OperatorLedger {

    /** Any user's hold, if it exists (its status reflects expiry as of now). */
    Optional<Hold> findHold(HoldId hold);

    /**
     * Captures {@code amount} of any user's active hold and releases the rest.
     *
     * @throws NotFoundException          when there is no such hold
     * @throws IllegalTransitionException when the hold was released, expired, or captured with another amount
     * @throws InvalidInputException      when the amount exceeds the hold
     */
    LedgerEntry capture(HoldId hold, long amount);

    /**
     * Captures the whole of any user's hold.
     *
     * @throws NotFoundException when there is no such hold
     */
    LedgerEntry captureAll(HoldId hold);

    /**
     * Releases any user's hold; one released or expired already is returned unchanged.
     *
     * @throws NotFoundException          when there is no such hold
     * @throws IllegalTransitionException when the hold was captured
     */
    Hold release(HoldId hold);
}
