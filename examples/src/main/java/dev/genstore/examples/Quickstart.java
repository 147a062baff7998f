package dev.genstore.examples;

import dev.genstore.Genstore;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.auth.IssuedCode;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.Reservation;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.CaptureRule;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.PromptStatistics;
import dev.genstore.qa.CheckResult;
import dev.genstore.sqlite.SqliteStorage;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * genstore in one page, on embedded SQLite: a file in the working directory, no setup. Run it with
 * {@code mvn -q -B -pl examples -am -DskipTests package exec:java}, or from the IDE. Each run starts from an empty
 * store (it deletes the quickstart's own file first), so what it prints is the same every time.
 */
public final class Quickstart {
    private static final String PROVIDER = "imagegen";

    private Quickstart() {
    }

    /** Users, sign-in codes and the token ledger: credits, a hold captured in part, an idempotent debit. */
    private static void runAccountsAndTokens(Genstore store, User ann, User bob) {
        section("Users");
        System.out.println("  " + describe(ann));
        System.out.println("  " + describe(bob));
        store.accounts().addRole(ann.id(), "ADMIN");
        System.out.println("  Ann is an admin: " + yesNo(store.accounts().get(ann.id()).hasRole("admin"))
                + " (role names ignore case)");

        section("Sign-in codes");
        // Only a hash of the code is stored; the code itself is sent to the user and never logged.
        IssuedCode code = store.otp().issue(ann.email());
        System.out.println("  a " + code.code().length() + "-digit code for " + code.email() + ", valid until "
                + TIME.format(code.expiresAt()) + "; verified: " + yesNo(store.otp().verify(ann.email(), code.code()) != null));

        section("Tokens");
        // Credits are idempotent by reference id: a retried request never credits twice.
        store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup-" + ann.id());
        store.ledger().credit(bob.id(), 20, "SIGNUP_BONUS", "signup-" + bob.id());
        System.out.println("  credited sign-up bonuses: Ann " + balance(store, ann) + ", Bob " + balance(store, bob));

        // A hold reserves the estimated cost of a generation; capture what it really cost, the rest goes back.
        Hold hold = store.ledger().hold(ann.id(), 30, "GENERATION", "generation-1", Duration.ofMinutes(15));
        System.out.println("  held " + hold.amount() + " for a generation: Ann's available " + available(store, ann)
                + " of " + balance(store, ann));
        store.ledger().capture(ann.id(), hold.id(), 18);
        System.out.println("  captured 18 of the 30: Ann's balance " + balance(store, ann) + ", available " + available(store, ann));

        LedgerEntry first = store.ledger().debit(ann.id(), 5, "UPSCALE", "upscale-1");
        LedgerEntry retried = store.ledger().debit(ann.id(), 5, "UPSCALE", "upscale-1");
        System.out.println("  a debit of 5 sent twice with one reference id: charged " + (first.equals(retried) ? "once" : "twice")
                + ", Ann's balance " + balance(store, ann));
        try {
            store.ledger().debit(bob.id(), 500, "GENERATION", "big-1");
        } catch (InsufficientBalanceException refused) {
            System.out.println("  Bob's debit of 500 refused (he has " + balance(store, bob) + "), nothing written");
        }
        // Several operations as one unit: all or nothing.
        store.useTransaction(tx -> {
            tx.ledger().debit(bob.id(), 10, "TIP", "tip-1");
            tx.ledger().credit(ann.id(), 10, "TIP", "tip-1");
        });
        System.out.println("  Bob tipped Ann 10 in one transaction: Ann " + balance(store, ann) + ", Bob " + balance(store, bob));
    }

    /** Submits jobs (each holds its cost), lets two worker threads drain them, and prints what they made. */
    private static void runJobs(Genstore store, User owner) {
        section("Jobs");
        store.queue().limitProvider(PROVIDER, 2); // at most two calls to this provider at once
        int jobs = 6;
        for (int i = 0; i < jobs; i++) {
            store.jobs().submit(NewJob.of(owner.id(), "a lighthouse at dusk, variation " + i, PROVIDER, "model-x")
                    .parameters(Map.of("width", 1024, "height", 1024, "steps", 30))
                    .tokenCost(4).totalImages(2).idempotencyKey("lighthouse-" + i));
        }
        System.out.println("  submitted " + jobs + " jobs of 2 images at 4 tokens each: Ann's available " + available(store, owner));
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            String name = Thread.currentThread().getName();
            while (done.get() < jobs) {
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
        runInTwoThreads(worker);
        JobStatistics statistics = store.jobs().statistics(JobScope.of(owner.id()));
        ImageStatistics images = store.images().statistics(owner.id());
        System.out.println("  two workers finished " + plural(statistics.completedJobs(), "job") + ": "
                + plural(statistics.successfulImages(), "image") + " made, " + statistics.failedImages() + " failed");
        System.out.println("  Ann's available " + available(store, owner) + " (a job captures 2 tokens per image it made)");
        System.out.println("  stored " + plural(images.totalImages(), "image") + ", " + (images.bytesStored() / 1024)
                + " KB with their thumbnails and web sizes");

        // A web request can run the job it just submitted itself (a lease and fencing token, as a claim gives), and
        // the job says what a partial result costs: rounded up here, so 2 of 3 images of 10 tokens cost 7.
        long before = available(store, owner);
        ClaimedJob mine = store.transaction(tx -> tx.queue().start(owner.id(),
                tx.jobs().submit(NewJob.of(owner.id(), "a lighthouse in fog", PROVIDER, "model-x").tokenCost(10)
                        .totalImages(3).capture(CaptureRule.PROPORTIONAL_ROUND_UP)).id(),
                "web-request", Duration.ofMinutes(1)).orElseThrow());
        for (int image = 0; image < 2; image++) {
            store.images().store(NewImage.generated(owner.id(), mine.job().prompt()).job(mine.id()), fakeRender(image));
        }
        store.queue().complete(mine.id(), mine.fencingToken(), 2, 1);
        System.out.println("  a request started its own job; 2 of its 3 images made, rounded up: it cost "
                + (before - available(store, owner)) + " tokens");
        store.jobs().delete(owner.id(), mine.id());
        System.out.println("  deleted that job with its images: " + plural(store.images().statistics(owner.id()).totalImages(), "image")
                + " left");
    }

    /** The prompt library: spellings that normalize alike are one prompt; search is by word prefix, never syntax. */
    private static void runPrompts(Genstore store) {
        section("Prompt library");
        store.prompts().record("A lighthouse at dusk, oil painting", "model-x", fakeRender(0)); // with a WebP thumbnail
        store.prompts().record("a  LIGHTHOUSE at dusk,   oil painting ", "model-y");
        store.prompts().record("夕暮れの灯台、油絵", "model-x");
        store.prompts().record("a castle in the fog, watercolor", "model-x");
        for (String query : List.of("lighthouse paint", "灯台", "\"oil\" OR * NEAR(x) ; DROP TABLE prompts", "!!!")) {
            // The query is data, never syntax: quotes, operators and SQL are searched as words; "paint" finds "painting".
            List<String> found = store.prompts().search(query, null, PageRequest.first(5)).items().stream()
                    .map(p -> "\"" + p.text() + "\" (" + plural(p.totalUses(), "use") + ")").toList();
            System.out.println("  search '" + query + "': " + (found.isEmpty() ? "nothing" : String.join(", ", found)));
        }
        PromptStatistics statistics = store.prompts().statistics();
        System.out.println("  " + plural(statistics.prompts(), "prompt") + ", " + plural(statistics.uses(), "use") + ", "
                + plural(statistics.thumbnails(), "thumbnail"));
    }

    /** A hard daily limit on a provider refuses a call before it is made; alerts reach the listener as they happen. */
    private static void runBudget(Genstore store) {
        section("Provider budget");
        store.budgets().setLimit(LimitSpec.provider(PROVIDER, BudgetPeriod.DAILY, Cost.usd(1_000_000))); // $1.00 a day
        Reservation reservation = store.budgets().authorize(PROVIDER, "model-x", Cost.usd(600_000));
        store.budgets().settle(reservation.id(), Cost.usd(550_000)); // what the call really cost
        System.out.println("  spent $0.55 of $1.00 today on " + PROVIDER);
        try {
            store.budgets().authorize(PROVIDER, "model-x", Cost.usd(600_000));
        } catch (BudgetExceededException refused) {
            System.out.println("  a $0.60 call refused before it was made: it would exceed the daily limit");
        }
        store.budgets().settle(store.budgets().authorize(PROVIDER, "model-x", Cost.usd(300_000)).id(), Cost.usd(300_000));
        System.out.println("  a $0.30 call allowed: $0.85 spent");
    }

    /** A failed quality check regenerates the image; the image cache drops entries made from it. */
    private static void runQaAndCache(Genstore store, User owner) {
        section("Image cache and quality checks");
        // Keyed by item and configuration hash; key order and number spelling do not change the hash.
        Map<String, Object> config = Map.of("model", "model-x", "steps", 30, "style", "oil");
        byte[] rendered = fakeRender(1);
        store.cache().put(NewCacheEntry.of("covers", "lighthouse", config, "image/png"), rendered);
        boolean hit = store.cache().get("covers", "lighthouse", Map.of("style", "oil", "steps", 30.0, "model", "model-x")).isPresent();
        boolean changed = store.cache().hasChanged("covers", "lighthouse", Map.of("model", "model-x", "steps", 40, "style", "oil"));
        System.out.println("  cache hit with the keys reordered and 30 written as 30.0: " + yesNo(hit)
                + "; changed for 40 steps: " + yesNo(changed));

        Image image = store.images().store(NewImage.generated(owner.id(), "a lighthouse at dusk").model("model-x"), rendered);
        store.cache().put(NewCacheEntry.of("covers", "from-image", config, "image/png").sourceImage(owner.id(), image.id()), rendered);
        store.qa().record(owner.id(), image.id(), "face-checker",
                CheckResult.failed(0.31, Map.of("sharpness", 0.2, "anatomy", 0.4), "blurry face"));
        System.out.println("  a failed quality check dropped the cache entry made from the image: "
                + yesNo(store.cache().get("covers", "from-image", config).isEmpty()));
        for (ClaimedJob claimed : store.queue().claim("qa-worker", 10, Duration.ofMinutes(1))) {
            store.qa().regenerationOf(claimed.job().owner(), claimed.id()).ifPresent(regeneration -> {
                Image redone = store.images().store(NewImage.generated(owner.id(), "a lighthouse at dusk").job(claimed.id()), fakeRender(2));
                store.qa().record(owner.id(), redone.id(), "face-checker", CheckResult.passed(0.92, Map.of("sharpness", 0.9)));
                store.queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);
                System.out.println("  regenerated the image (\"" + regeneration.reason() + "\"); the new one passed");
            });
        }
        CacheStatistics cache = store.cache().statistics();
        System.out.println("  cache: " + plural(cache.hits(), "hit") + ", " + plural(cache.misses(), "miss") + ", "
                + plural(cache.entries(), "entry") + " kept");
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

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "quickstart.db");
        deleteStore(file);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file))
                .budgetAlertListener(alert -> System.out.println("  budget alert pushed: " + alert.threshold() + " % of "
                        + usd(alert.amount()) + " spent"))
                .build()) {
            System.out.println("genstore quickstart on " + store.backend() + " at " + file.toAbsolutePath());
            User ann = store.accounts().create(NewUser.withEmail("Ann@Example.com").displayName("Ann")
                    .givenName("Ann").familyName("Silva").language("pt-BR"));
            User bob = store.accounts().findOrCreate(ExternalIdentity.of("google", "bob-sub-1"),
                    NewUser.withEmail("bob@example.com").displayName("Bob").roles("artist"));
            runAccountsAndTokens(store, ann, bob);
            runJobs(store, ann);
            runPrompts(store);
            runBudget(store);
            runQaAndCache(store, ann);

            section("Health");
            System.out.println("  balances: Ann " + balance(store, ann) + ", Bob " + balance(store, bob));
            System.out.println("  verify(): " + (store.operations().verify().healthy() ? "healthy" : store.operations().verify()));
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static void section(String title) {
        System.out.println();
        System.out.println(title);
    }

    private static String describe(User user) {
        String name = user.givenName() != null ? user.givenName() + " " + user.familyName() : user.displayName();
        return name + " <" + user.email() + ">" + (user.language() != null ? ", language " + user.language() : "")
                + (user.identities().isEmpty() ? "" : ", signs in with " + user.identities().get(0).provider())
                + (user.roles().isEmpty() ? "" : ", roles: " + String.join(", ", user.roles()));
    }

    private static long balance(Genstore store, User user) {
        return store.ledger().account(user.id()).balance();
    }

    private static long available(Genstore store, User user) {
        return store.ledger().account(user.id()).available();
    }

    /** "1 use", "2 uses", "1 entry", "3 entries", "1 miss", "0 misses". */
    private static String plural(long count, String noun) {
        if (count == 1) {
            return "1 " + noun;
        }
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun.endsWith("s") ? noun + "es" : noun + "s";
        return count + " " + plural;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String usd(long micros) {
        return String.format(Locale.ROOT, "$%.2f", micros / 1_000_000.0);
    }

    private static void runInTwoThreads(Runnable worker) {
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
    }

    /** The quickstart's own file, its SQLite companions and its blob directory, so that each run starts empty. */
    private static void deleteStore(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        Path blobs = file.resolveSibling(file.getFileName() + "-blobs");
        if (Files.isDirectory(blobs)) {
            try (Stream<Path> paths = Files.walk(blobs)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
