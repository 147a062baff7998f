package dev.genstore.benchmarks;

import java.time.Duration;

/**
 * How long to measure, from system properties (pass them to {@code benchmarks/run} as {@code -Dname=value}):
 * <ul>
 *   <li>{@code bench.warmup}: seconds each side runs untimed first (the JIT needs them: genstore runs more code); 5</li>
 *   <li>{@code bench.rounds}: timed rounds, each running both sides, in alternating order; 5</li>
 *   <li>{@code bench.round}: seconds each side runs per round; 3</li>
 * </ul>
 * A quick check: {@code -Dbench.warmup=0.5 -Dbench.rounds=1 -Dbench.round=0.5}. Workloads read their own
 * properties through {@link #intProperty}.
 */
public record Settings(Duration warmup, int rounds, Duration round) {

    public Settings {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("bench.warmup must not be negative, was " + warmup);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("bench.rounds must be at least 1, was " + rounds);
        }
        if (round.isNegative() || round.isZero()) {
            throw new IllegalArgumentException("bench.round must be positive, was " + round);
        }
    }

    public static Settings fromSystemProperties() {
        return new Settings(seconds("bench.warmup", 5), intProperty("bench.rounds", 5), seconds("bench.round", 3));
    }

    /** An integer system property of at least 1, or {@code defaultValue} when unset. */
    public static int intProperty(String name, int defaultValue) {
        String text = System.getProperty(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + text + "'");
        }
    }

    private static Duration seconds(String name, double defaultSeconds) {
        String text = System.getProperty(name);
        double seconds;
        try {
            seconds = text == null ? defaultSeconds : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds, was '" + text + "'");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
