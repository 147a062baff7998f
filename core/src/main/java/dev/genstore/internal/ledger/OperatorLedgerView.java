package dev.genstore.internal.ledger;

import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.Ledger;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.OperatorLedger;
import java.util.Optional;

/** {@link OperatorLedger}: the ledger's hold calls by id alone, whoever holds the hold. */
@SuppressWarnings("deprecation") // the unscoped calls are deprecated on Ledger only: this is where they belong
final class OperatorLedgerView implements OperatorLedger {
    private final Ledger ledger;

    OperatorLedgerView(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Hold> findHold(HoldId hold) {
        return ledger.findHold(hold);
    }

    @Override
    public LedgerEntry capture(HoldId hold, long amount) {
        return ledger.capture(hold, amount);
    }

    @Override
    public LedgerEntry captureAll(HoldId hold) {
        return ledger.captureAll(hold);
    }

    @Override
    public Hold release(HoldId hold) {
        return ledger.release(hold);
    }
}
