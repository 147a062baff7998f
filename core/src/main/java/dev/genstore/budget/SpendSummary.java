package dev.genstore.budget;

/**
 * Spend of one provider and model in one currency over a time range.
 *
 * @param provider the provider
 * @param model    the model
 * @param currency the currency
 * @param total    the sum in micro-units
 * @param records  how many spend records
 */
public record SpendSummary(String provider, String model, String currency, long total, long records) {
}
