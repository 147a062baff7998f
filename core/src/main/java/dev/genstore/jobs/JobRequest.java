package dev.genstore.jobs;

import java.util.Map;

/**
 * What a job was asked to do: fixed at submit, never changed by the queue. Part of {@link Job} ({@link Job#request()}).
 *
 * @param prompt          the generation prompt
 * @param parameters      generation parameters, as JSON values
 * @param provider        the image API
 * @param model           the provider's model
 * @param configurationId the configuration it runs, or {@code null} (also after the configuration was deleted with
 *                        its jobs kept)
 * @param tokenCost       tokens held on submit
 * @param priority        higher runs first
 * @param totalImages     images the job makes
 * @param maxAttempts     attempts before a failing job is FAILED
 * @param idempotencyKey  the submit's idempotency key, or {@code null}
 * @param captureRule     what {@link JobQueue#complete} captures of the hold when only some images succeed
 */
public record JobRequest(String prompt, Map<String, Object> parameters, String provider, String model,
                         ConfigurationId configurationId, long tokenCost, int priority, int totalImages, int maxAttempts,
                         String idempotencyKey, CaptureRule captureRule) {
}
