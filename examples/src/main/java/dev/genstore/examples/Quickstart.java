package dev.genstore.examples;

import dev.genstore.Genstore;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.auth.IssuedCode;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.LedgerEntry;
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
 * {@code mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java}, or from the IDE.
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
            LedgerEntry captured = store.ledger().capture(hold.id(), 18);
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

            System.out.println("balances: ann " + store.ledger().account(ann.id()).balance()
                    + ", bob " + store.ledger().account(bob.id()).balance());
            System.out.println("verify(): " + (store.ledger().verify().isEmpty() ? "healthy" : store.ledger().verify()));
        }
    }
}
