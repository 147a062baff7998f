package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import java.time.Instant;
import java.util.Map;

/**
 * What it takes to submit a job. Start from {@link #of(UserId, String, String, String)}; the rest has defaults.
 *
 * @param owner           the user the job runs for and whose tokens it holds
 * @param prompt          the generation prompt
 * @param provider        the image API, e.g. {@code openai}; provider concurrency limits apply per provider
 * @param model           the provider's model
 * @param parameters      generation parameters as JSON values; empty by default
 * @param tokenCost       tokens held on submit and captured per successful image; 0 by default
 * @param totalImages     how many images the job makes; 1 by default
 * @param priority        higher runs first; 0 by default
 * @param maxAttempts     attempts before a failing job is FAILED; 3 by default
 * @param runAfter        not claimed before this instant; {@code null} (now) by default
 * @param configurationId the configuration this job runs, or {@code null}
 * @param idempotencyKey  a key that makes submitting this job again return the first one, or {@code null}
 * @param captureRule     what a partly successful job captures of its hold; {@link CaptureRule#PROPORTIONAL_ROUND_DOWN}
 *                        by default (also when {@code null})
 */
public record NewJob(UserId owner, String prompt, String provider, String model, Map<String, Object> parameters,
                     long tokenCost, int totalImages, int priority, int maxAttempts, Instant runAfter,
                     ConfigurationId configurationId, String idempotencyKey, CaptureRule captureRule) {

    public NewJob {
        if (captureRule == null) {
            captureRule = CaptureRule.PROPORTIONAL_ROUND_DOWN;
        }
    }

    /** A job with the required fields and every other one at its default. */
    public static NewJob of(UserId owner, String prompt, String provider, String model) {
        return new NewJob(owner, prompt, provider, model, Map.of(), 0, 1, 0, 3, null, null, null, null);
    }

    /** This job with these parameters. */
    public NewJob parameters(Map<String, Object> values) {
        return new NewJob(owner, prompt, provider, model, values, tokenCost, totalImages, priority, maxAttempts, runAfter, configurationId, idempotencyKey, captureRule);
    }

    /** This job holding {@code tokens} on submit. */
    public NewJob tokenCost(long tokens) {
        return new NewJob(owner, prompt, provider, model, parameters, tokens, totalImages, priority, maxAttempts, runAfter, configurationId, idempotencyKey, captureRule);
    }

    /** This job making {@code images} images. */
    public NewJob totalImages(int images) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, images, priority, maxAttempts, runAfter, configurationId, idempotencyKey, captureRule);
    }

    /** This job at another priority (higher runs first). */
    public NewJob priority(int value) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, value, maxAttempts, runAfter, configurationId, idempotencyKey, captureRule);
    }

    /** This job with another attempt limit. */
    public NewJob maxAttempts(int attempts) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, priority, attempts, runAfter, configurationId, idempotencyKey, captureRule);
    }

    /** This job not claimed before {@code instant}. */
    public NewJob runAfter(Instant instant) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, priority, maxAttempts, instant, configurationId, idempotencyKey, captureRule);
    }

    /** This job as a run of a configuration. */
    public NewJob configuration(ConfigurationId id) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, priority, maxAttempts, runAfter, id, idempotencyKey, captureRule);
    }

    /** This job with an idempotency key: submitting it again returns the first job. */
    public NewJob idempotencyKey(String key) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, priority, maxAttempts, runAfter, configurationId, key, captureRule);
    }

    /** This job capturing by {@code rule} when only some of its images succeed. */
    public NewJob capture(CaptureRule rule) {
        return new NewJob(owner, prompt, provider, model, parameters, tokenCost, totalImages, priority, maxAttempts, runAfter, configurationId, idempotencyKey, rule);
    }
}
