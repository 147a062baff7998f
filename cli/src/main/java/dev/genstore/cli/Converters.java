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

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, or ISO-8601 ({@code P30D}, {@code PT12H}). */
    static final class Age implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)([dhms])");

        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(v);
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    return switch (m.group(2)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    };
                }
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not an age: write it like 30d, 12h, 90m or 45s");
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
                throw new TypeConversionException("'" + value + "' is not a date: write it like 2026-01-01 or"
                        + " 2026-01-01T12:00:00Z (UTC)");
            }
        }
    }
}
