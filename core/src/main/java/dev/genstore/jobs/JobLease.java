package dev.genstore.jobs;

import java.time.Instant;

/**
 * The lease of a RUNNING job: which worker holds it and until when. Part of {@link Job} ({@link Job#lease()}).
 *
 * @param owner     the worker holding it (the claim's worker name)
 * @param expiresAt when it ends unless a heartbeat extends it
 */
public record JobLease(String owner, Instant expiresAt) {
}
