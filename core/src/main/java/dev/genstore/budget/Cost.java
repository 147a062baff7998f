package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount of money in micro-units (a millionth of the currency's unit: 1 USD = 1,000,000) with its ISO 4217 code.
 *
 * @param micros   the amount, zero or more
 * @param currency three upper-case letters, e.g. {@code USD}
 */
public record Cost(long micros, String currency) {
    private static final Pattern CODE = Pattern.compile("^[A-Z]{3}$");

    public Cost {
        if (micros < 0) {
            throw new InvalidInputException("cost", "must be zero or positive, was " + micros);
        }
        if (currency == null) {
            throw new InvalidInputException("currency", "must not be null");
        }
        currency = currency.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(currency).matches()) {
            throw new InvalidInputException("currency", "must be a three-letter ISO 4217 code, was " + InvalidInputException.quote(currency));
        }
    }

    /** {@code micros} micro-units of {@code currency}. */
    public static Cost of(long micros, String currency) {
        return new Cost(micros, currency);
    }

    /** {@code micros} micro-units of US dollars. */
    public static Cost usd(long micros) {
        return new Cost(micros, "USD");
    }
}
