package dev.genstore.examples;

import dev.genstore.Genstore;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.auth.IssuedCode;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.Reservation;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.paging.PageRequest;
import dev.genstore.qa.CheckResult;
import dev.genstore.sqlite.SqliteStorage;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * genstore in one page, on embedded SQLite: a file in the working directory, no setup. Run it with
 * {@code mvn -q -B -pl examples -am -DskipTests package exec:java}, or from the IDE.
 */
public final class Quickstart {
    private Quickstart() {
    }

    /** Submits jobs (each holds its cost), lets two worker threads drain them, and prints the statistics. */
    private static void runJobs(Genstore store, User owner, String run) {
        store.queue().limitProvider("imagegen", 2); // at most two calls to this provider at once
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            submitted.add(store.jobs().submit(NewJob.of(owner.id(), "a lighthouse at dusk, variation " + i, "imagegen", "model-x")
                    .parameters(Map.of("width", 1024, "height", 1024, "steps", 30))
                    .tokenCost(4).totalImages(2).idempotencyKey("quickstart-" + run + "-" + i)));
        }
        System.out.println("submitted " + submitted.size() + " jobs: available " + store.ledger().account(owner.id()).available());
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            String name = Thread.currentThread().getName();
            while (done.get() < submitted.size()) {
                for (ClaimedJob claimed : store.queue().claim(name, 2, Duration.ofSeconds(30))) {
                    // ... call the image provider here, heartbeat while it runs ...
                    store.queue().heartbeat(claimed.id(), claimed.fencingToken(), Duration.ofSeconds(30));
                    int successful = claimed.job().prompt().endsWith("3") ? 1 : 2; // one image of job 3 fails
                    for (int image = 0; image < successful; image++) {
                        // Stored with a WebP thumbnail and a web size, in the blob directory beside the database;
                        // the job's image counters move in the same transaction.
                        store.images().store(NewImage.generated(owner.id(), claimed.job().prompt())
                                .job(claimed.id()).model(claimed.job().model()).tags("lighthouse"), fakeRender(image));
                    }
                    store.queue().complete(claimed.id(), claimed.fencingToken(), successful, 2 - successful);
                    done.incrementAndGet();
                }
            }
        };
        Thread first = new Thread(worker, "worker-1");
        Thread second = new Thread(worker, "worker-2");
        first.start();
        second.start();
        try {
            first.join();
            second.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        System.out.println("jobs done: available " + store.ledger().account(owner.id()).available()
                + " (each job captured 2 tokens per successful image)");
        System.out.println("statistics: " + store.jobs().statistics(JobScope.of(owner.id())));
        ImageStatistics images = store.images().statistics(owner.id());
        System.out.println("images: " + images.totalImages() + " stored, " + images.bytesStored() + " bytes with their variants");
    }

    /** The prompt library, a budget that refuses a call, a failed quality check regenerated, and the image cache. */
    private static void runLibraryBudgetQaAndCache(Genstore store, User owner, String run) {
        // Prompt library: spellings that normalize alike (case, width, spaces) are one prompt with its uses counted.
        store.prompts().record("A lighthouse at dusk, oil painting", "model-x", fakeRender(0)); // with a WebP thumbnail
        store.prompts().record("a  LIGHTHOUSE at dusk,   oil painting ", "model-y");
        store.prompts().record("夕暮れの灯台、油絵", "model-x");
        store.prompts().record("a castle in the fog, watercolor", "model-x");
        for (String query : List.of("lighthouse painting", "灯台", "\"oil\" OR * NEAR(x) ; DROP TABLE prompts")) {
            // The query is data, never syntax: quotes, operators and SQL are searched as words.
            List<String> found = store.prompts().search(query, null, PageRequest.first(5)).items().stream()
                    .map(p -> p.text() + " (" + p.totalUses() + " uses)").toList();
            System.out.println("prompt search '" + query + "': " + found);
        }
        System.out.println("prompts: " + store.prompts().statistics());

        // Budgets: a hard daily limit on a provider refuses a call before it is made, and alerts once per threshold.
        String provider = "imagegen-" + run;
        BudgetLimit limit = store.budgets().setLimit(LimitSpec.provider(provider, BudgetPeriod.DAILY, Cost.usd(1_000_000))); // $1.00 a day
        Reservation reservation = store.budgets().authorize(provider, "model-x", Cost.usd(600_000));
        store.budgets().settle(reservation.id(), Cost.usd(550_000)); // what the call really cost
        try {
            store.budgets().authorize(provider, "model-x", Cost.usd(600_000));
        } catch (BudgetExceededException refused) {
            System.out.println("budget refused: " + refused.getMessage());
        }
        store.budgets().settle(store.budgets().authorize(provider, "model-x", Cost.usd(300_000)).id(), Cost.usd(300_000));
        System.out.println("budget alerts: " + store.budgets().alerts(PageRequest.first(100)).items().stream()
                .filter(a -> a.limitId().equals(limit.id())).map(a -> a.threshold() + "%").toList());

        // Image cache: keyed by item and configuration hash; key order and number spelling do not change the hash.
        Map<String, Object> config = Map.of("model", "model-x", "steps", 30, "style", "oil");
        byte[] rendered = fakeRender(1);
        store.cache().put(NewCacheEntry.of("covers", "lighthouse-" + run, config, "image/png"), rendered);
        boolean hit = store.cache().get("covers", "lighthouse-" + run, Map.of("style", "oil", "steps", 30.0, "model", "model-x")).isPresent();
        System.out.println("cache: hit " + hit + ", changed for 40 steps " + store.cache().hasChanged("covers", "lighthouse-" + run,
                Map.of("model", "model-x", "steps", 40, "style", "oil")));

        // Quality assurance: a failed check marks the image, drops cache entries made from it and queues a regeneration.
        Image image = store.images().store(NewImage.generated(owner.id(), "a lighthouse at dusk").model("model-x"), rendered);
        store.cache().put(NewCacheEntry.of("covers", "qa-" + run, config, "image/png").sourceImage(owner.id(), image.id()), rendered);
        store.qa().record(owner.id(), image.id(), "face-checker",
                CheckResult.failed(0.31, Map.of("sharpness", 0.2, "anatomy", 0.4), "blurry face"));
        System.out.println("after a failed check: cache entry gone " + store.cache().get("covers", "qa-" + run, config).isEmpty());
        for (ClaimedJob claimed : store.queue().claim("qa-worker", 10, Duration.ofMinutes(1))) {
            store.qa().regenerationOf(claimed.job().owner(), claimed.id()).ifPresent(regeneration -> {
                Image redone = store.images().store(NewImage.generated(owner.id(), "a lighthouse at dusk").job(claimed.id()), fakeRender(2));
                store.qa().record(owner.id(), redone.id(), "face-checker", CheckResult.passed(0.92, Map.of("sharpness", 0.9)));
                store.queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
                System.out.println("regenerated " + regeneration.imageId() + " (" + regeneration.reason() + ") as " + redone.id());
            });
        }
        store.cache().invalidateNamespace("covers");
        System.out.println("cache: " + store.cache().statistics());
    }

    /** Stands in for a provider's output: a 1024 × 1024 PNG. */
    private static byte[] fakeRender(int seed) {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 30, 80), 1024, 1024, new Color(250, 160 + seed * 40, 60)));
        g.fillRect(0, 0, 1024, 1024);
        g.setColor(Color.WHITE);
        g.fillRect(600, 300, 60, 400); // the lighthouse
        g.dispose();
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "quickstart.db");
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            System.out.println("genstore quickstart on " + store.backend() + " at " + file.toAbsolutePath());

            // Users: created once; running the quickstart again finds them.
            User ann = store.accounts().findByEmail("ann@example.com")
                    .orElseGet(() -> store.accounts().create(NewUser.withEmail("Ann@Example.com").displayName("Ann").language("pt-BR")));
            User bob = store.accounts().findOrCreate(ExternalIdentity.of("google", "bob-sub-1"),
                    NewUser.withEmail("bob@example.com").displayName("Bob").roles("artist"));
            System.out.println("users: " + ann.email() + " (" + ann.language() + "), " + bob.email() + " " + bob.roles());

            // Sign-in codes: only a hash is stored; the code itself is never logged.
            IssuedCode code = store.otp().issue(ann.email());
            System.out.println("issued " + code + ", verified for " + store.otp().verify(ann.email(), code.code()).email());

            // Credits: the reference id makes them idempotent, so a rerun does not credit twice.
            store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup-" + ann.id());
            store.ledger().credit(bob.id(), 20, "SIGNUP_BONUS", "signup-" + bob.id());

            // A hold reserves the estimated cost of a generation; capture what it really cost, the rest goes back.
            String run = String.valueOf(System.currentTimeMillis());
            Hold hold = store.ledger().hold(ann.id(), 30, "GENERATION", "job-" + run, Duration.ofMinutes(15));
            System.out.println("held 30: available " + store.ledger().account(ann.id()).available());
            LedgerEntry captured = store.ledger().capture(ann.id(), hold.id(), 18);
            System.out.println("captured 18 of 30: balance " + captured.balanceAfter()
                    + ", available " + store.ledger().account(ann.id()).available());

            // A retried debit (same reference id) returns the first entry and takes nothing more.
            LedgerEntry first = store.ledger().debit(ann.id(), 5, "UPSCALE", "upscale-" + run);
            LedgerEntry retried = store.ledger().debit(ann.id(), 5, "UPSCALE", "upscale-" + run);
            System.out.println("debit retried: same entry " + first.equals(retried) + ", balance " + retried.balanceAfter());

            // An overdraft is refused, and nothing is written.
            try {
                store.ledger().debit(bob.id(), 500, "GENERATION", "big-" + run);
            } catch (InsufficientBalanceException refused) {
                System.out.println("refused: " + refused.getMessage());
            }

            // Several operations as one unit: all or nothing.
            store.useTransaction(tx -> {
                tx.ledger().debit(bob.id(), 10, "GENERATION", "pair-a-" + run);
                tx.ledger().credit(ann.id(), 10, "TIP", "pair-b-" + run);
            });

            runJobs(store, ann, run);
            runLibraryBudgetQaAndCache(store, ann, run);

            System.out.println("balances: ann " + store.ledger().account(ann.id()).balance()
                    + ", bob " + store.ledger().account(bob.id()).balance());
            System.out.println("verify(): " + (store.ledger().verify().isEmpty() ? "healthy" : store.ledger().verify()));
        }
    }
}
