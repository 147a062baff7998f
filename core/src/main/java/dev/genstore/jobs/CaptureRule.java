package dev.genstore.jobs;

import java.math.BigInteger;

/**
 * How much of a job's token hold {@link JobQueue#complete} captures when only some of its images succeed; chosen per
 * job at submit ({@link NewJob#capture(CaptureRule)}) and kept with it, so whichever worker completes the job charges
 * what the owner was promised. Whatever the rule, no successful image costs nothing, all of them cost the whole
 * {@code tokenCost}, and what is not captured goes back to the owner. A {@code tokenCost} that is a multiple of
 * {@code totalImages} (a per-image price) makes both proportional rules exact.
 */
public enum CaptureRule {
    /**
     * The default: {@code tokenCost × successful ÷ total}, rounded down, so the owner never pays more than the share
     * of the images received (10 tokens for 3 images, 2 succeed: 6).
     */
    PROPORTIONAL_ROUND_DOWN,
    /** {@code tokenCost × successful ÷ total}, rounded up, so a partial result never costs less than its share (2 of 3: 7). */
    PROPORTIONAL_ROUND_UP,
    /** The whole {@code tokenCost} when at least one image succeeded, nothing otherwise (2 of 3: 10). */
    ALL_IF_ANY_SUCCEEDS;

    /** The tokens to capture of {@code tokenCost} when {@code successful} of {@code total} images succeeded. */
    public long captured(long tokenCost, int successful, int total) {
        if (successful <= 0) {
            return 0;
        }
        if (successful >= total) {
            return tokenCost;
        }
        return switch (this) {
            case PROPORTIONAL_ROUND_DOWN -> share(tokenCost, successful, total, false);
            case PROPORTIONAL_ROUND_UP -> share(tokenCost, successful, total, true);
            case ALL_IF_ANY_SUCCEEDS -> tokenCost;
        };
    }

    private static long share(long tokenCost, int successful, int total, boolean roundUp) {
        // In BigInteger: tokenCost × successful can pass Long.MAX_VALUE.
        BigInteger[] quotient = BigInteger.valueOf(tokenCost).multiply(BigInteger.valueOf(successful))
                .divideAndRemainder(BigInteger.valueOf(total));
        long whole = quotient[0].longValueExact();
        return roundUp && quotient[1].signum() > 0 ? whole + 1 : whole;
    }
}
