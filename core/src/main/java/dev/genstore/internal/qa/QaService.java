package dev.genstore.internal.qa;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageId;
import dev.genstore.images.QcStatus;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.cache.ImageCacheService;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.Jobs;
import dev.genstore.jobs.NewJob;
import dev.genstore.qa.CheckResult;
import dev.genstore.qa.CheckStatus;
import dev.genstore.qa.QaPolicy;
import dev.genstore.qa.QualityAssurance;
import dev.genstore.qa.QualityCheck;
import dev.genstore.qa.QualityCheckId;
import dev.genstore.qa.Regeneration;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The quality-assurance rules: the check's state machine, the image's QC status following its latest check, and a
 * failure that marks the image, drops its cache entries and enqueues a regeneration job, in one transaction.
 */
public final class QaService implements QualityAssurance {
    private static final int MAX_SCORES = 100;
    private static final int MAX_REASONS = 50;

    private final ServiceContext context;
    private final Jobs jobs;
    private final ImageCacheService cache;
    private final QaPolicy policy;

    public QaService(ServiceContext context, Jobs jobs, ImageCacheService cache, QaPolicy policy) {
        this.context = context;
        this.jobs = jobs;
        this.cache = cache;
        this.policy = policy;
    }

    @Override
    public QualityCheck start(UserId owner, ImageId image, String checker) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", image);
        String validChecker = Validate.text("checker", checker, 200);
        return context.storage().write(r -> {
            Image i = lockImage(r, owner, image);
            Instant now = context.now();
            QualityCheck check = new QualityCheck(QualityCheckId.of(context.newId()), owner, image, validChecker,
                    CheckStatus.PENDING, null, Map.of(), List.of(), null, null, now, null, null);
            r.qa().insertCheck(check);
            mark(r, i, QcStatus.PENDING, null, now);
            return check;
        });
    }

    @Override
    public QualityCheck finish(UserId owner, QualityCheckId id, CheckResult result) {
        Validate.notNull("owner", owner);
        Validate.notNull("checkId", id);
        CheckResult valid = validResult(result);
        return context.storage().write(r -> {
            QualityCheck found = r.qa().findCheck(owner, id).orElseThrow(() -> new NotFoundException("quality check", id));
            Image image = lockImage(r, owner, found.imageId()); // image first, then check: one lock order everywhere
            QualityCheck check = r.qa().lockCheck(owner, id).orElseThrow(() -> new NotFoundException("quality check", id));
            if (!check.status().canMoveTo(valid.status())) {
                throw new IllegalTransitionException("quality check", id, check.status(), valid.status());
            }
            Instant now = context.now();
            QualityCheck finished = new QualityCheck(check.id(), owner, check.imageId(), check.checker(), valid.status(),
                    valid.overallScore(), valid.scores(), valid.reasons(), null, null, check.createdAt(), now, null);
            r.qa().updateCheck(finished);
            String reason = valid.reasons().isEmpty() ? null : truncate(String.join("; ", valid.reasons()));
            apply(r, image, finished, valid.status() == CheckStatus.FAILED, reason, now);
            return finished;
        });
    }

    @Override
    public QualityCheck record(UserId owner, ImageId image, String checker, CheckResult result) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", image);
        Validate.text("checker", checker, 200);
        validResult(result);
        return context.storage().write(r -> finish(owner, start(owner, image, checker).id(), result));
    }

    @Override
    public QualityCheck review(UserId owner, QualityCheckId id, CheckStatus decision, String reviewer, String note) {
        Validate.notNull("owner", owner);
        Validate.notNull("checkId", id);
        Validate.notNull("decision", decision);
        if (decision != CheckStatus.APPROVED && decision != CheckStatus.REJECTED) {
            throw new InvalidInputException("decision", "must be APPROVED or REJECTED, was " + decision);
        }
        String validReviewer = Validate.text("reviewer", reviewer, 200);
        String validNote = note == null ? null : Validate.multilineText("note", note, 2000);
        return context.storage().write(r -> {
            QualityCheck found = r.qa().findCheck(owner, id).orElseThrow(() -> new NotFoundException("quality check", id));
            Image image = lockImage(r, owner, found.imageId());
            QualityCheck check = r.qa().lockCheck(owner, id).orElseThrow(() -> new NotFoundException("quality check", id));
            if (!check.status().canMoveTo(decision)) {
                throw new IllegalTransitionException("quality check", id, check.status(), decision);
            }
            Instant now = context.now();
            QualityCheck reviewed = new QualityCheck(check.id(), owner, check.imageId(), check.checker(), decision,
                    check.overallScore(), check.scores(), check.reasons(), validReviewer, validNote, check.createdAt(),
                    check.checkedAt(), now);
            r.qa().updateCheck(reviewed);
            boolean failing = decision == CheckStatus.REJECTED && check.status() == CheckStatus.PASSED;
            String reason;
            if (decision == CheckStatus.REJECTED) {
                reason = truncate(validNote != null ? validNote : "rejected by " + validReviewer);
            } else {
                reason = validNote;
            }
            apply(r, image, reviewed, failing, reason, now);
            if (decision == CheckStatus.APPROVED && check.status() == CheckStatus.FAILED) {
                cancelQueuedRegeneration(r, owner, check);
            }
            return reviewed;
        });
    }

    /** The check's effect on the image: its QC status when the check is its latest, and on a failure the rest. */
    private void apply(Repositories r, Image image, QualityCheck check, boolean failing, String reason, Instant now) {
        boolean latest = r.qa().latestCheck(image.id()).map(check.id()::equals).orElse(false);
        if (latest) {
            mark(r, image, qcStatusOf(check.status()), reason, now);
        }
        if (failing) {
            cache.dropEntriesFrom(r, image.id());
            enqueueRegeneration(r, image, check, reason, now);
        }
    }

    private void enqueueRegeneration(Repositories r, Image image, QualityCheck check, String reason, Instant now) {
        Job original = image.jobId() == null ? null : r.jobs().findJob(image.jobId()).orElse(null);
        String provider = original != null ? original.provider() : policy.provider();
        String model = image.model() != null ? image.model() : original != null ? original.model() : "unknown";
        String prompt = image.prompt() != null ? image.prompt()
                : original != null ? original.prompt() : "regenerate image " + image.id();
        Map<String, Object> parameters = new LinkedHashMap<>(original != null ? original.parameters() : Map.of());
        parameters.put("regenerationOf", image.id().toString());
        parameters.put("qualityCheck", check.id().toString());
        parameters.put("reason", reason);
        Job job = jobs.submit(NewJob.of(image.owner(), prompt, provider, model).parameters(parameters)
                .maxAttempts(policy.maxAttempts()).priority(policy.priority())
                .idempotencyKey("qa-regeneration:" + check.id()));
        r.qa().insertRegeneration(new Regeneration(job.id(), image.owner(), image.id(), check.id(), reason, now));
    }

    /** A human approved what the checker failed: its regeneration is not needed, unless a worker already runs it. */
    private void cancelQueuedRegeneration(Repositories r, UserId owner, QualityCheck check) {
        for (Regeneration regeneration : r.qa().regenerations(owner, check.imageId())) {
            if (regeneration.checkId().equals(check.id())) {
                Job job = r.jobs().lockJob(regeneration.jobId()).orElse(null);
                if (job != null && job.status() == JobStatus.QUEUED) {
                    jobs.cancel(owner, job.id());
                }
            }
        }
    }

    private static QcStatus qcStatusOf(CheckStatus status) {
        return switch (status) {
            case PENDING -> QcStatus.PENDING;
            case PASSED, APPROVED -> QcStatus.PASSED;
            case FAILED, REJECTED -> QcStatus.FAILED;
        };
    }

    private static void mark(Repositories r, Image i, QcStatus status, String reason, Instant now) {
        r.images().update(i.toBuilder().qcStatus(status).qcReason(reason).updatedAt(now).build());
    }

    private static Image lockImage(Repositories r, UserId owner, ImageId id) {
        return r.images().lock(owner, id).orElseThrow(() -> new NotFoundException("image", id));
    }

    @Override
    public Optional<QualityCheck> find(UserId owner, QualityCheckId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("checkId", id);
        return context.storage().read(r -> r.qa().findCheck(owner, id));
    }

    @Override
    public List<QualityCheck> checks(UserId owner, ImageId image) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", image);
        return context.storage().read(r -> {
            Validate.exists(r.images().find(owner, image), "image", image);
            return r.qa().checks(owner, image);
        });
    }

    @Override
    public Optional<Regeneration> regenerationOf(JobId job) {
        Validate.notNull("jobId", job);
        return context.storage().read(r -> r.qa().regenerationOf(job));
    }

    @Override
    public Optional<Regeneration> regenerationOf(UserId owner, JobId job) {
        Validate.notNull("owner", owner);
        return regenerationOf(job).filter(regeneration -> regeneration.owner().equals(owner));
    }

    @Override
    public List<Regeneration> regenerations(UserId owner, ImageId image) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", image);
        return context.storage().read(r -> {
            Validate.exists(r.images().find(owner, image), "image", image);
            return r.qa().regenerations(owner, image);
        });
    }

    private static CheckResult validResult(CheckResult result) {
        Validate.notNull("result", result);
        Validate.notNull("status", result.status());
        if (result.status() != CheckStatus.PASSED && result.status() != CheckStatus.FAILED) {
            throw new InvalidInputException("status", "a checker's verdict is PASSED or FAILED, was " + result.status());
        }
        if (!Double.isFinite(result.overallScore())) {
            throw new InvalidInputException("overallScore", "must be a finite number, was " + result.overallScore());
        }
        Validate.notNull("scores", result.scores());
        if (result.scores().size() > MAX_SCORES) {
            throw new InvalidInputException("scores", "must be at most " + MAX_SCORES + ", were " + result.scores().size());
        }
        Map<String, Double> scores = new TreeMap<>();
        for (Map.Entry<String, Double> e : result.scores().entrySet()) {
            String name = Validate.text("scores", e.getKey(), 100);
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new InvalidInputException("scores", "score " + Validate.quote(name) + " must be a finite number, was " + e.getValue());
            }
            scores.put(name, e.getValue());
        }
        List<String> reasons = new ArrayList<>();
        if (result.reasons() != null) {
            if (result.reasons().size() > MAX_REASONS) {
                throw new InvalidInputException("reasons", "must be at most " + MAX_REASONS + ", were " + result.reasons().size());
            }
            for (String reason : result.reasons()) {
                reasons.add(Validate.multilineText("reasons", reason, 2000));
            }
        }
        if (result.status() == CheckStatus.FAILED && reasons.isEmpty()) {
            throw new InvalidInputException("reasons", "must name at least one reason when the check FAILED");
        }
        return new CheckResult(result.status(), result.overallScore(), Collections.unmodifiableMap(scores),
                List.copyOf(reasons));
    }

    /** The image's short summary of a check (its reasons are kept whole on the check): cut between code points. */
    private static String truncate(String text) {
        if (text.length() <= 2000) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(1999)) ? 1999 : 2000);
    }
}
