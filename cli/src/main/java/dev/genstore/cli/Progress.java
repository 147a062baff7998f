package dev.genstore.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of long work (copy, export, import) on stderr, so stdout stays parseable: counts, percent, rate and an ETA.
 * On a terminal the line is redrawn in place at most every {@value #TTY_EVERY_MS} ms; otherwise (a log, a pipe) a
 * line is written only once the work has taken {@value #QUIET_FOR_MS} ms, then at most every
 * {@value #LOG_EVERY_MS} ms, so short runs print nothing. The clock is injected so the arithmetic is testable.
 */
final class Progress {
    static final long TTY_EVERY_MS = 200;
    static final long QUIET_FOR_MS = 3_000;
    static final long LOG_EVERY_MS = 10_000;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private final long started;
    private String item;
    private long itemStarted;
    private long lastPrinted = Long.MIN_VALUE;
    private boolean lineOpen;

    Progress(PrintWriter err, boolean terminal, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.enabled = enabled;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** Progress on the real stderr: redrawn on a terminal, quiet for short work in logs; none when {@code quiet}. */
    static Progress onStderr(PrintWriter err, boolean quiet) {
        return new Progress(err, System.console() != null, !quiet, System::nanoTime);
    }

    /** {@code done} of {@code total} of {@code what} (a table, say) are finished; total may be 0 when unknown. */
    synchronized void update(String what, long done, long total) {
        long now = nanoTime.getAsLong();
        if (!what.equals(item)) {
            item = what;
            itemStarted = now;
        }
        if (!enabled) {
            return;
        }
        long elapsedMs = (now - started) / 1_000_000;
        boolean finished = total > 0 && done >= total;
        if (terminal) {
            if (!finished && lastPrinted != Long.MIN_VALUE && (now - lastPrinted) / 1_000_000 < TTY_EVERY_MS) {
                return;
            }
            err.print("\r\033[K" + line(what, done, total, now));
            lineOpen = true;
        } else {
            if (elapsedMs < QUIET_FOR_MS || lastPrinted != Long.MIN_VALUE && (now - lastPrinted) / 1_000_000 < LOG_EVERY_MS) {
                return;
            }
            err.println(line(what, done, total, now));
        }
        lastPrinted = now;
        err.flush();
    }

    /** Ends the redrawn line, if any, so what follows starts on a line of its own. */
    synchronized void finish() {
        if (lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    /** The text of one progress line, e.g. {@code images: 2,500/10,000 (25%), 500/s, ETA 15s}. */
    String line(String what, long done, long total, long now) {
        StringBuilder line = new StringBuilder(what).append(": ").append(String.format("%,d", done));
        double seconds = (now - itemStarted) / 1e9;
        if (total > 0) {
            line.append('/').append(String.format("%,d", total)).append(" (").append(done * 100 / total).append("%)");
        }
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            line.append(String.format(", %,d/s", Math.round(rate)));
            if (total > done) {
                line.append(", ETA ").append(format(Duration.ofSeconds(Math.round((total - done) / rate))));
            }
        }
        return line.toString();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
}
