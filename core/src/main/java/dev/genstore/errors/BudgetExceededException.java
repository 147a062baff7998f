package dev.genstore.errors;

/**
 * An authorization would push spend past a hard budget limit; nothing was reserved. Says which limit refused it and
 * the figures it was refused on, all in micro-units of the limit's currency.
 */
public class BudgetExceededException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final String limitId;
    private final String limit;
    private final long limitAmount;
    private final long spent;
    private final long reserved;
    private final long asked;

    /**
     * @param limitId     the id of the refusing limit
     * @param limit       a description of the limit, e.g. {@code "DAILY openai USD 2025-03-09"}
     * @param limitAmount the limit's amount
     * @param spent       spend recorded in the limit's current period
     * @param reserved    live reservations in the period
     * @param asked       what the refused authorization asked for
     */
    public BudgetExceededException(String limitId, String limit, long limitAmount, long spent, long reserved, long asked) {
        super("budget limit " + limit + " (" + limitId + ") exceeded: limit " + limitAmount + ", spent " + spent
                + ", reserved " + reserved + ", asked " + asked + ", remaining " + Math.max(0, limitAmount - spent - reserved));
        this.limitId = limitId;
        this.limit = limit;
        this.limitAmount = limitAmount;
        this.spent = spent;
        this.reserved = reserved;
        this.asked = asked;
    }

    /** The id of the limit that refused. */
    public String limitId() {
        return limitId;
    }

    /** A description of the limit: period, scope, currency and period key. */
    public String limit() {
        return limit;
    }

    /** The limit's amount in micro-units. */
    public long limitAmount() {
        return limitAmount;
    }

    /** Spend recorded in the current period. */
    public long spent() {
        return spent;
    }

    /** Live reservations in the current period. */
    public long reserved() {
        return reserved;
    }

    /** What was asked for. */
    public long asked() {
        return asked;
    }
}
