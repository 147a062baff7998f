package dev.genstore.jobs;

import dev.genstore.errors.GenstoreException;

/** The job a worker is running was cancelled; the worker learns it at its next heartbeat and must stop. */
public class JobCancelledException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    public JobCancelledException(JobId job) {
        super("job " + job + " was cancelled");
    }
}
