package dev.genstore.examples.gallery;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Seed 004's "complete image generation flow" on genstore: check the balance, generate, store the image, charge. Here
 * the charge is a hold taken with the job and captured when the image is stored, so the tokens are reserved before the
 * provider is called and a failure gives them back. Three short transactions, none open while the provider works:
 * <ol>
 *   <li>submit the job (holding its cost; too few tokens: nothing is written) and start it under a lease;</li>
 *   <li>call the provider, outside any transaction;</li>
 *   <li>store the image for the job and complete it (capturing the hold), together.</li>
 * </ol>
 * The client's {@code Idempotency-Key} is the job's idempotency key: a retried request finds the first job and gets
 * its image; it is never charged twice.
 */
@Service
public class Generations {
    private static final Logger LOG = LoggerFactory.getLogger(Generations.class);
    private static final String WORKER = "web";
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Genstore genstore;
    private final FakeImageProvider provider;
    private final GalleryProperties properties;

    public Generations(Genstore genstore, FakeImageProvider provider, GalleryProperties properties) {
        this.genstore = genstore;
        this.provider = provider;
        this.properties = properties;
    }

    /**
     * Generates one image for {@code owner}, or returns the image an earlier request with this key generated.
     *
     * @throws dev.genstore.errors.InsufficientBalanceException when the owner cannot cover the cost; nothing written
     * @throws ConflictException when the key was used for another prompt or seed, or its generation is still running
     *                           or failed
     */
    public Image generate(UserId owner, String prompt, long seed, String idempotencyKey) {
        NewJob request = NewJob.of(owner, prompt, FakeImageProvider.PROVIDER, FakeImageProvider.MODEL)
                .parameters(Map.of("seed", seed)).tokenCost(properties.generationCost()).idempotencyKey(idempotencyKey);
        record Submitted(Job job, ClaimedJob claimed) {
        }
        Submitted submitted = genstore.transaction(tx -> {
            Job job = tx.jobs().submit(request);
            // QUEUED: new, or left by a request that died before finishing (its lease ran out): run it now.
            ClaimedJob claimed = job.status() == JobStatus.QUEUED
                    ? tx.queue().start(owner, job.id(), WORKER, LEASE).orElse(null) : null;
            return new Submitted(job, claimed);
        });
        Job job = submitted.job();
        if (submitted.claimed() == null) {
            return earlierResult(owner, job);
        }
        long fencingToken = submitted.claimed().fencingToken();
        try {
            byte[] png = provider.render(prompt, seed);
            return genstore.transaction(tx -> {
                Image image = tx.images().store(NewImage.generated(owner, prompt).job(job.id()).seed(seed)
                        .model(FakeImageProvider.MODEL).tokensUsed(job.tokenCost()).fileName("generated.png"), png);
                tx.queue().complete(job.id(), fencingToken, 1, 0); // captures the hold
                return image;
            });
        } catch (RuntimeException e) {
            giveTokensBack(job, fencingToken, e);
            throw e;
        }
    }

    /** Ends the job as FAILED, which releases its hold; if even that fails, lease recovery requeues it later. */
    private void giveTokensBack(Job job, long fencingToken, RuntimeException cause) {
        try {
            genstore.queue().fail(job.id(), fencingToken, "generation failed: " + cause.getMessage(), false);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("could not end job {} after a failed generation; lease recovery will requeue it", job.id(), e);
        }
    }

    private Image earlierResult(UserId owner, Job job) {
        if (job.status() == JobStatus.SUCCEEDED) {
            return genstore.images().list(owner, ImageFilter.all().job(job.id()), PageRequest.first(1)).items().stream()
                    .findFirst().orElseThrow(() -> new ConflictException("the generation for this Idempotency-Key "
                            + "succeeded but its image was deleted"));
        }
        throw new ConflictException("the generation for this Idempotency-Key is " + job.status()
                + (job.status() == JobStatus.FAILED ? ": send a new key to try again" : ": retry in a moment"));
    }
}
