package dev.genstore.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values people type: ages like {@code 30d} and dates like {@code 2026-01-01}. */
final class Converters {
    private Converters() {
    }

    /**
     * {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, or ISO-8601 ({@code P30D}, {@code PT12H}); at most
     * {@value #MAX_DAYS} days (1,000 years, the longest duration genstore accepts). picocli reports a refused value as a
     * usage error (exit 2) naming the option.
     */
    static final class Age implements ITypeConverter<Duration> {
        static final long MAX_DAYS = 365_250;
        private static final Pattern SHORT = Pattern.compile("(\\d{1,19})([dhms])");

        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(v);
            try {
                Duration d;
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    d = switch (m.group(2)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    };
                } else {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                }
                if (d.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                    throw new TypeConversionException(Report.escape(shortened(value)) + " is too long an age: at most "
                            + MAX_DAYS + "d (1,000 years)");
                }
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException(Report.escape(shortened(value))
                    + " is not an age: write it like 30d, 12h, 90m or 45s");
        }
    }

    /** {@code 2026-01-01} (the start of that day in UTC) or an ISO-8601 instant ({@code 2026-01-01T12:00:00Z}). */
    static final class Moment implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.strip();
            try {
                return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(Report.escape(shortened(value)) + " is not a date: write it like"
                        + " 2026-01-01 or 2026-01-01T12:00:00Z (UTC)");
            }
        }
    }

    /** At most 40 characters of what was typed, for a message. */
    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
