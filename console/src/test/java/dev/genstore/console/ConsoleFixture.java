package dev.genstore.console;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.contract.TestImages;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.QcStatus;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.NewJob;
import java.time.Duration;
import java.util.List;

/**
 * A store filled through the API as an application would: two users with tokens, jobs in every state, images with a
 * hostile title, prompts (one hostile), a budget with spend. Enough jobs and images to need a second page.
 */
final class ConsoleFixture {
    static final String HOSTILE = "<script>alert(1)</script>";
    static final int QUEUED_JOBS = 30;
    static final int IMAGES = 28;

    final User ann;
    final User bob;
    final Job queued;
    final Job toPause;
    final Job untouched;
    final Job failed;
    final Job succeeded;
    final Image hostileImage;

    ConsoleFixture(Genstore store) {
        ann = store.accounts().create(NewUser.withEmail("ann@example.com").displayName("Ann " + HOSTILE));
        bob = store.accounts().create(NewUser.withEmail("bob@example.com").displayName("Bob"));
        store.ledger().credit(ann.id(), 500, "SIGNUP_BONUS", "signup-ann");
        store.ledger().credit(bob.id(), 100, "SIGNUP_BONUS", "signup-bob");

        failed = store.jobs().submit(NewJob.of(bob.id(), HOSTILE + " a failing job", "stability", "sdxl").tokenCost(4));
        ClaimedJob claimed = store.queue().claim(ClaimRequest.of("worker-1", 1, Duration.ofMinutes(1)).providers("stability")).get(0);
        store.queue().fail(claimed.id(), claimed.fencingToken(), "provider said <b>no</b>", false);

        Job done = store.jobs().submit(NewJob.of(ann.id(), "a lighthouse at dusk", "stability", "sdxl").tokenCost(8).totalImages(2));
        ClaimedJob running = store.queue().claim(ClaimRequest.of("worker-1", 1, Duration.ofMinutes(1)).providers("stability")).get(0);
        for (int i = 0; i < IMAGES; i++) {
            NewImage made = NewImage.generated(ann.id(), "a lighthouse at dusk").tags(i % 2 == 0 ? "even" : "odd");
            Image image = store.images().store(i < 2 ? made.job(done.id()) : made, TestImages.photoPng(96, 64, i));
            store.images().describe(ann.id(), image.id(), "lighthouse " + i, null, image.tags());
        }
        succeeded = store.queue().complete(running.id(), running.fencingToken(), 2, 0);
        Image hostile = store.images().store(NewImage.uploaded(ann.id(), "x.png").tags("hostile"), TestImages.photoPng(64, 64, 99));
        hostileImage = store.images().describe(ann.id(), hostile.id(), HOSTILE, "title is " + HOSTILE, List.of("hostile"));
        store.images().recordQc(ann.id(), hostile.id(), QcStatus.PASSED, "looks fine");

        Job first = null;
        Job second = null;
        Job third = null;
        for (int i = 0; i < QUEUED_JOBS; i++) {
            Job job = store.jobs().submit(NewJob.of(i % 3 == 0 ? bob.id() : ann.id(), "queued prompt " + i, "openai", "gpt-image-1"));
            if (i == 0) {
                first = job;
            } else if (i == 1) {
                second = job;
            } else if (i == 2) {
                third = job;
            }
        }
        queued = first;
        toPause = second;
        untouched = third;

        store.prompts().record(HOSTILE + " hostile prompt", "sdxl");
        store.prompts().record("a lighthouse at dusk", "sdxl", TestImages.photoPng(64, 64, 7));
        store.prompts().record("a lighthouse at dusk", "sdxl");
        store.prompts().record("a fox in the snow", "gpt-image-1");

        store.budgets().setLimit(LimitSpec.provider("stability", BudgetPeriod.MONTHLY, Cost.usd(10_000_000)).thresholds(50, 80));
        store.budgets().record(NewSpend.of("stability", "sdxl", Cost.usd(6_000_000)));
    }
}
