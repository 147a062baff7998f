package dev.genstore.jobs;

import dev.genstore.errors.GenstoreException;

/**
 * A worker's heartbeat, complete or fail came with a fencing token that no longer holds the job: its lease expired,
 * or another worker claimed the job since. The worker must stop working on the job; nothing was changed.
 */
public class LeaseLostException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    public LeaseLostException(JobId job, long fencingToken, String why) {
        super("lease on job " + job + " with fencing token " + fencingToken + " is lost: " + why);
    }
}
