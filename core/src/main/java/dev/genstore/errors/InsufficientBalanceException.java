package dev.genstore.errors;

/** A debit or hold asked for more tokens than the account has available; nothing was written. */
public class InsufficientBalanceException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final long available;
    private final long requested;

    public InsufficientBalanceException(String account, long balance, long available, long requested) {
        super("insufficient balance on account " + account + ": balance " + balance
                + (available == balance ? "" : " of which " + (balance - available) + " held, available " + available)
                + ", requested " + requested);
        this.available = available;
        this.requested = requested;
    }

    /** Tokens that could have been spent: the balance minus active holds. */
    public long available() {
        return available;
    }

    /** Tokens the refused operation asked for. */
    public long requested() {
        return requested;
    }
}
