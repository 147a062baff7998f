package dev.genstore.ledger;

/** Where a hold is in its life: ACTIVE, then exactly one of the others, which are final. */
public enum HoldStatus {
    /** Tokens are reserved and not spendable. */
    ACTIVE,
    /** Part or all was debited; the rest went back to the available balance. */
    CAPTURED,
    /** All went back to the available balance on request. */
    RELEASED,
    /** All went back to the available balance because the hold's expiry passed. */
    EXPIRED
}
