package dev.genstore.budget;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.JobId;
import java.time.Instant;

/**
 * Money spent on one provider call.
 *
 * @param id            its id
 * @param provider      the provider
 * @param model         the model
 * @param cost          the amount with its currency
 * @param jobId         the job it was spent for, or null
 * @param userId        the user it was spent for, or null
 * @param reservationId the reservation it settled, or null
 * @param spentAt       when
 */
public record SpendRecord(SpendId id, String provider, String model, Cost cost, JobId jobId, UserId userId,
                          ReservationId reservationId, Instant spentAt) {
}
