package dev.genstore.budget;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.JobId;

/**
 * Spend to record directly, without a reservation. {@link #of} then, optionally, {@link #job} and {@link #user}.
 *
 * @param provider the provider
 * @param model    the model
 * @param cost     the amount with its currency
 * @param jobId    the job, or null
 * @param userId   the user, or null
 */
public record NewSpend(String provider, String model, Cost cost, JobId jobId, UserId userId) {
    /** Spend with no job or user. */
    public static NewSpend of(String provider, String model, Cost cost) {
        return new NewSpend(provider, model, cost, null, null);
    }

    /** The same, for this job. */
    public NewSpend job(JobId job) {
        return new NewSpend(provider, model, cost, job, userId);
    }

    /** The same, for this user. */
    public NewSpend user(UserId user) {
        return new NewSpend(provider, model, cost, jobId, user);
    }
}
