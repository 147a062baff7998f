package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.jobs.CaptureRule;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Job configurations and jobs: submit with its token hold, idempotency, the status machine, the hold following the
 * job to its end, history, statistics, archiving and bad input.
 */
public abstract class JobsContract extends JobsContractSupport {

    /** Settings with every kind of JSON value, as a caller would build them. */
    private static Map<String, Object> richSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("size", "1024x1024");
        settings.put("steps", 30);
        settings.put("seed", 42L);
        settings.put("guidance", 7.5);
        settings.put("hd", true);
        settings.put("styles", List.of("photo", "winter"));
        settings.put("negative", Map.of("words", List.of("blur", "text"), "weight", -0.25));
        settings.put("reference", null);
        settings.put("maxPixels", 1.0E7); // a double Java writes with an exponent
        settings.put("tiny", 1.0E-7);
        settings.put("huge", 1.0E20);
        settings.put("separator", "a\u2028b\tc"); // control characters other than tabs and line breaks are refused
        return settings;
    }

    /** {@link #richSettings()} as they read back: JSON numbers in the smallest fitting type. */
    private static Map<String, Object> richSettingsAsStored() {
        Map<String, Object> settings = new HashMap<>(richSettings());
        settings.put("seed", 42);
        return settings;
    }

    /** The job as it reads back after its configuration was deleted. */
    private static Job unlinked(Job j) {
        return j.toBuilder().configurationId(null).build();
    }

    private static Job withStatus(Job j, JobStatus status) {
        return j.toBuilder().status(status).build();
    }

    /** Submits a job and runs it to SUCCEEDED with all its images. */
    private Job succeeded(NewJob request) {
        Job job = jobs().submit(request);
        ClaimedJob claimed = claim("worker", job.id());
        return queue().complete(job.id(), claimed.fencingToken(), job.totalImages(), 0);
    }

    private Job failed(NewJob request) {
        Job job = jobs().submit(request);
        ClaimedJob claimed = claim("worker", job.id());
        return queue().fail(job.id(), claimed.fencingToken(), "provider refused the prompt", false);
    }

    private Job running(NewJob request) {
        Job job = jobs().submit(request);
        return claim("worker", job.id()).job();
    }

    // ---- configurations --------------------------------------------------------------------------------------------

    @Test
    void aConfigurationKeepsItsNameAndSettings() {
        UserId ann = newUser("ann@example.com").id();
        clock.advance(Duration.ofMinutes(1));

        JobConfiguration created = jobs().createConfiguration(ann, "  Winter portraits ", richSettings());
        assertEquals(new JobConfiguration(created.id(), ann, "Winter portraits", richSettingsAsStored(), now(), now()), created);
        assertEquals(Optional.of(created), jobs().findConfiguration(created.id()), "read back");
        assertEquals(List.of(created), allConfigurations(ann));
        assertEquals(Optional.empty(), jobs().findConfiguration(ConfigurationId.of(UUID.randomUUID())));

        JobConfiguration empty = jobs().createConfiguration(ann, "bare", Map.of());
        assertEquals(Map.of(), jobs().findConfiguration(empty.id()).orElseThrow().settings());
    }

    @Test
    void updateRenamesAConfigurationAndReplacesItsSettings() {
        UserId ann = newUser("ann@example.com").id();
        JobConfiguration created = jobs().createConfiguration(ann, "portraits", richSettings());
        clock.advance(Duration.ofHours(2));

        JobConfiguration updated = jobs().updateConfiguration(created.id(), " portraits v2 ", Map.of("steps", 50));
        assertEquals(new JobConfiguration(created.id(), ann, "portraits v2", Map.of("steps", 50), created.createdAt(), now()),
                updated);
        assertEquals(Optional.of(updated), jobs().findConfiguration(created.id()), "read back");

        clock.advance(Duration.ofMinutes(1));
        JobConfiguration same = jobs().updateConfiguration(created.id(), "portraits v2", Map.of("steps", 60));
        assertEquals(Map.of("steps", 60), same.settings(), "keeping its own name is no conflict");
        assertEquals(Optional.of(same), jobs().findConfiguration(created.id()));
        assertEquals(List.of(same), allConfigurations(ann));
    }

    @Test
    void configurationNamesAreUniquePerOwner() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of("steps", 30));
        JobConfiguration landscapes = jobs().createConfiguration(ann, "landscapes", Map.of("steps", 20));
        JobsSnapshot before = jobsSnapshot();

        assertThrows(ConflictException.class, () -> jobs().createConfiguration(ann, "portraits", Map.of()));
        assertThrows(ConflictException.class, () -> jobs().createConfiguration(ann, " portraits  ", Map.of("x", 1)),
                "compared after trimming");
        assertThrows(ConflictException.class, () -> jobs().updateConfiguration(landscapes.id(), "portraits", Map.of()));
        assertJobsUnchanged(before);

        JobConfiguration bobs = jobs().createConfiguration(bob, "portraits", Map.of("steps", 10));
        assertEquals("portraits", bobs.name(), "another owner may use the name");
        assertEquals(List.of(landscapes, portraits), allConfigurations(ann));
        assertEquals(List.of(bobs), allConfigurations(bob));

        jobs().deleteConfiguration(portraits.id());
        JobConfiguration again = jobs().createConfiguration(ann, "portraits", Map.of());
        assertNotEquals(portraits.id(), again.id(), "a deleted configuration's name is free again");
    }

    @Test
    void deletingAConfigurationKeepsItsJobsWithoutTheLink() {
        UserId ann = userWithTokens("ann@example.com", 100);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of("steps", 30));
        Job queued = jobs().submit(newJob(ann).configuration(portraits.id()).tokenCost(10));
        Job done = succeeded(newJob(ann).configuration(portraits.id()).tokenCost(20).priority(5));
        Job unrelated = jobs().submit(newJob(ann));
        assertEquals(portraits.id(), reread(queued).configurationId());
        assertEquals(2, jobs().statistics(JobScope.of(portraits.id())).totalJobs());

        jobs().deleteConfiguration(portraits.id());

        assertEquals(Optional.empty(), jobs().findConfiguration(portraits.id()));
        assertEquals(List.of(), allConfigurations(ann));
        assertEquals(unlinked(queued), reread(queued), "the job stays, unlinked");
        assertEquals(unlinked(done), reread(done));
        assertEquals(unrelated, reread(unrelated));
        assertEquals(3, allJobs(ann).size());
        assertEquals(HoldStatus.ACTIVE, holdOf(queued).status(), "the job's hold is untouched");
        assertEquals(10, account(ann).held());
        assertEquals(0, jobs().statistics(JobScope.of(portraits.id())).totalJobs());

        JobsSnapshot before = jobsSnapshot();
        NotFoundException e = assertThrows(NotFoundException.class, () -> jobs().deleteConfiguration(portraits.id()));
        assertEquals("configuration", e.entity());
        assertThrows(NotFoundException.class, () -> jobs().updateConfiguration(portraits.id(), "portraits", Map.of()));
        assertThrows(NotFoundException.class, () -> jobs().submit(newJob(ann).configuration(portraits.id())));
        assertJobsUnchanged(before);
    }

    @Test
    void configurationsAreListedByNameInKeysetPages() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        List<String> names = new ArrayList<>(List.of("golf", "alpha", "echo", "charlie", "bravo", "foxtrot", "delta"));
        for (String name : names) {
            clock.advance(Duration.ofSeconds(1));
            jobs().createConfiguration(ann, name, Map.of("name", name));
        }
        jobs().createConfiguration(bob, "bravo", Map.of());
        jobs().createConfiguration(bob, "zulu", Map.of());

        List<List<String>> pages = new ArrayList<>();
        Page<JobConfiguration> page = jobs().configurations(ann, PageRequest.first(3));
        pages.add(page.items().stream().map(JobConfiguration::name).toList());
        while (page.hasNext()) {
            page = jobs().configurations(ann, page.next(3).orElseThrow());
            pages.add(page.items().stream().map(JobConfiguration::name).toList());
        }
        assertEquals(List.of(List.of("alpha", "bravo", "charlie"), List.of("delta", "echo", "foxtrot"), List.of("golf")), pages);
        assertNull(page.nextCursor());
        Collections.sort(names);
        assertEquals(names, allConfigurations(store, ann, 1).stream().map(JobConfiguration::name).toList());
        assertEquals(List.of("bravo", "zulu"), allConfigurations(bob).stream().map(JobConfiguration::name).toList());
        assertEquals(List.of(), jobs().configurations(newUser("cy@example.com").id(), PageRequest.first(5)).items());
    }

    @Test
    void badConfigurationInputIsRefused() {
        UserId ann = newUser("ann@example.com").id();
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of("steps", 30));
        JobsSnapshot before = jobsSnapshot();
        UserId ghost = UserId.of(UUID.randomUUID());
        ConfigurationId missing = ConfigurationId.of(UUID.randomUUID());

        List<Executable> checks = new ArrayList<>();
        for (String name : new String[] {null, "", "   ", "n".repeat(201), "a\nb"}) {
            checks.add(() -> assertInvalid("name", () -> jobs().createConfiguration(ann, name, Map.of())));
            checks.add(() -> assertInvalid("name", () -> jobs().updateConfiguration(portraits.id(), name, Map.of())));
        }
        for (Map<String, Object> settings : notJson()) {
            checks.add(() -> assertInvalid("settings", () -> jobs().createConfiguration(ann, "other", settings)));
            checks.add(() -> assertInvalid("settings", () -> jobs().updateConfiguration(portraits.id(), "portraits", settings)));
        }
        checks.add(() -> assertEquals("user", assertThrows(NotFoundException.class,
                () -> jobs().createConfiguration(ghost, "portraits", Map.of())).entity()));
        checks.add(() -> assertEquals("configuration", assertThrows(NotFoundException.class,
                () -> jobs().updateConfiguration(missing, "portraits", Map.of())).entity()));
        checks.add(() -> assertThrows(NotFoundException.class, () -> jobs().deleteConfiguration(missing)));
        checks.add(() -> assertThrows(NotFoundException.class, () -> jobs().configurations(ghost, PageRequest.first(5))));
        assertAll(checks);
        assertJobsUnchanged(before);

        assertEquals("n".repeat(200), jobs().createConfiguration(ann, "n".repeat(200), Map.of()).name(), "the longest name");
    }

    /** Maps that are not JSON values: a null map, and maps holding objects JSON has no value for. */
    private static List<Map<String, Object>> notJson() {
        List<Map<String, Object>> maps = new ArrayList<>();
        maps.add(null);
        maps.add(Map.of("thread", new Thread()));
        maps.add(Map.of("object", new Object()));
        maps.add(Map.of("nested", Map.of("deeper", List.of(1, new Thread()))));
        maps.add(Map.of("nan", Double.NaN));
        maps.add(Map.of("infinity", Double.POSITIVE_INFINITY));
        return maps;
    }

    // ---- submit ----------------------------------------------------------------------------------------------------

    @Test
    void submitQueuesTheJobAndHoldsItsCost() {
        UserId ann = userWithTokens("ann@example.com", 500);
        clock.advance(Duration.ofMinutes(1));

        Job job = jobs().submit(NewJob.of(ann, "  a red fox in the snow ", " OpenAI ", " gpt-image-1 ")
                .parameters(richSettings()).tokenCost(120).totalImages(4).priority(7).maxAttempts(5)
                .idempotencyKey(" order-17 "));

        assertNotNull(job.holdId());
        Job expected = Job.builder().id(job.id()).owner(ann).configurationId(null).prompt("a red fox in the snow")
                .parameters(richSettingsAsStored()).provider("openai").model("gpt-image-1").tokenCost(120).priority(7)
                .status(JobStatus.QUEUED).totalImages(4).successfulImages(0).failedImages(0).attempts(0).maxAttempts(5)
                .runAfter(now()).lease(null, null).errorMessage(null).idempotencyKey("order-17").holdId(job.holdId())
                .createdAt(now()).startedAt(null).completedAt(null).captureRule(CaptureRule.PROPORTIONAL_ROUND_DOWN)
                .build();
        assertEquals(expected, job);
        assertEquals(expected, jobs().get(job.id()), "read back");
        assertEquals(Optional.of(expected), jobs().find(job.id()));
        assertEquals(Optional.empty(), job.duration());
        assertEquals(List.of(expected), allJobs(ann));

        assertEquals(new Hold(job.holdId(), ann, 120, 0, "GENERATION", "job:" + job.id(), HoldStatus.ACTIVE, null,
                now(), null), holdOf(job), "the cost is held, without expiry");
        TokenAccount account = account(ann);
        assertEquals(500, account.balance());
        assertEquals(120, account.held());
        assertEquals(380, account.available());
        assertEquals(1, fullHistory(ann).size(), "a hold writes no ledger entry");
    }

    @Test
    void aJobHasDefaultsAndAFreeJobHoldsNothing() {
        UserId ann = newUser("ann@example.com").id();
        Job job = jobs().submit(newJob(ann));

        assertEquals(Job.builder().id(job.id()).owner(ann).configurationId(null).prompt("a red fox in the snow")
                .parameters(Map.of()).provider(PROVIDER).model(MODEL).tokenCost(0).priority(0).status(JobStatus.QUEUED)
                .totalImages(1).successfulImages(0).failedImages(0).attempts(0).maxAttempts(3).runAfter(now())
                .lease(null, null).errorMessage(null).idempotencyKey(null).holdId(null).createdAt(now()).startedAt(null)
                .completedAt(null).captureRule(CaptureRule.PROPORTIONAL_ROUND_DOWN).build(), job);
        assertEquals(job, reread(job));
        assertEquals(0, account(ann).held());
        assertEquals(List.of(), fullHistory(ann));

        ClaimedJob claimed = claim("worker", job.id());
        Job done = queue().complete(job.id(), claimed.fencingToken(), 1, 0);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(List.of(), fullHistory(ann), "a free job writes no ledger entry");
    }

    @Test
    void tooFewTokensRefuseTheSubmitAndWriteNothing() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = newUser("bob@example.com").id();
        store.ledger().hold(ann, 30, "UPSCALE", "other-work");
        JobsSnapshot before = jobsSnapshot();

        InsufficientBalanceException e = assertThrows(InsufficientBalanceException.class,
                () -> jobs().submit(newJob(ann).tokenCost(71)));
        assertEquals(70, e.available());
        assertEquals(71, e.requested());
        InsufficientBalanceException broke = assertThrows(InsufficientBalanceException.class,
                () -> jobs().submit(newJob(bob).tokenCost(1).idempotencyKey("first")));
        assertEquals(0, broke.available());
        assertEquals(1, broke.requested());

        assertEquals(List.of(), allJobs(ann), "no job");
        assertEquals(List.of(), allJobs(bob), "no job");
        assertEquals(30, account(ann).held(), "no new hold");
        assertEquals(0, account(bob).held(), "no hold");
        assertJobsUnchanged(before);

        Job exact = jobs().submit(newJob(ann).tokenCost(70));
        assertEquals(100, account(ann).held(), "the whole available balance can be held");
        assertEquals(List.of(exact), allJobs(ann));
        store.ledger().credit(bob, 1, "TOP_UP", "top-up");
        Job later = jobs().submit(newJob(bob).tokenCost(1).idempotencyKey("first"));
        assertEquals(List.of(later), allJobs(bob), "a refused submit does not use up its idempotency key");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameJobAndHoldsOnce() {
        UserId ann = userWithTokens("ann@example.com", 100);
        NewJob request = newJob(ann).parameters(richSettings()).tokenCost(30).totalImages(2).idempotencyKey("order-1");
        Job first = jobs().submit(request);
        JobsSnapshot before = jobsSnapshot();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(first, jobs().submit(request));
        assertEquals(first, jobs().submit(request.idempotencyKey("  order-1 ")), "compared after trimming");
        assertJobsUnchanged(before);
        assertEquals(30, account(ann).held(), "held once");
        assertEquals(List.of(first), allJobs(ann));

        ClaimedJob claimed = claim("worker", first.id());
        Job done = queue().complete(first.id(), claimed.fencingToken(), 2, 0);
        assertEquals(done, jobs().submit(request), "a finished job is still the one its key returns");
        assertEquals(List.of(done), allJobs(ann));
        assertEquals(0, account(ann).held());
        assertEquals(70, account(ann).balance(), "captured once");
    }

    @Test
    void theSameIdempotencyKeyWithOtherTermsIsAConflict() {
        UserId ann = userWithTokens("ann@example.com", 100);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        NewJob request = newJob(ann).parameters(Map.of("steps", 30)).tokenCost(30).totalImages(2).priority(1)
                .maxAttempts(2).idempotencyKey("order-1");
        jobs().submit(request);
        JobsSnapshot before = jobsSnapshot();

        List<NewJob> others = List.of(
                NewJob.of(ann, "another prompt", PROVIDER, MODEL).parameters(Map.of("steps", 30)).tokenCost(30)
                        .totalImages(2).priority(1).maxAttempts(2).idempotencyKey("order-1"),
                NewJob.of(ann, "a red fox in the snow", "stability", MODEL).parameters(Map.of("steps", 30)).tokenCost(30)
                        .totalImages(2).priority(1).maxAttempts(2).idempotencyKey("order-1"),
                NewJob.of(ann, "a red fox in the snow", PROVIDER, "dall-e-3").parameters(Map.of("steps", 30)).tokenCost(30)
                        .totalImages(2).priority(1).maxAttempts(2).idempotencyKey("order-1"),
                request.parameters(Map.of("steps", 31)),
                request.tokenCost(31),
                request.tokenCost(1000),
                request.totalImages(3),
                request.priority(2),
                request.maxAttempts(3),
                request.configuration(portraits.id()));
        List<Executable> checks = new ArrayList<>();
        for (NewJob other : others) {
            checks.add(() -> assertThrows(ConflictException.class, () -> jobs().submit(other), other::toString));
        }
        assertAll(checks);
        assertJobsUnchanged(before);
    }

    @Test
    void idempotencyKeysArePerOwner() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        Job annsJob = jobs().submit(newJob(ann).tokenCost(10).idempotencyKey("order-1"));
        Job bobsJob = jobs().submit(newJob(bob).tokenCost(20).idempotencyKey("order-1"));

        assertNotEquals(annsJob.id(), bobsJob.id());
        assertEquals(List.of(annsJob), allJobs(ann));
        assertEquals(List.of(bobsJob), allJobs(bob));
        assertEquals(10, account(ann).held());
        assertEquals(20, account(bob).held());
    }

    @Test
    void aJobCanRunAConfigurationOfItsOwner() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 100);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of("steps", 30));

        Job job = jobs().submit(newJob(ann).configuration(portraits.id()));
        assertEquals(portraits.id(), job.configurationId());
        assertEquals(job, reread(job));

        JobsSnapshot before = jobsSnapshot();
        NotFoundException foreign = assertThrows(NotFoundException.class,
                () -> jobs().submit(newJob(bob).configuration(portraits.id()).tokenCost(5)));
        assertEquals("configuration", foreign.entity(), "another user's configuration is not visible");
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> jobs().submit(newJob(ann).configuration(ConfigurationId.of(UUID.randomUUID())).tokenCost(5)));
        assertEquals("configuration", missing.entity());
        assertJobsUnchanged(before);
    }

    @Test
    void badJobInputIsRefusedAndWritesNothing() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        UserId bob = userWithTokens("bob@example.com", 1000);
        NewJob good = newJob(ann).tokenCost(10);
        JobsSnapshot before = jobsSnapshot();

        List<Executable> checks = new ArrayList<>();
        for (String prompt : new String[] {null, "", "   ", "\t", "p".repeat(20_001), "a\u0000b"}) {
            checks.add(() -> assertInvalid("prompt", () -> jobs().submit(NewJob.of(ann, prompt, PROVIDER, MODEL).tokenCost(10))));
        }
        for (String provider : new String[] {null, "", "  ", "open ai", "open/ai", "-openai", "p".repeat(65)}) {
            checks.add(() -> assertInvalid("provider", () -> jobs().submit(NewJob.of(ann, "fox", provider, MODEL).tokenCost(10))));
        }
        for (String model : new String[] {null, "", "  ", "m".repeat(201)}) {
            checks.add(() -> assertInvalid("model", () -> jobs().submit(NewJob.of(ann, "fox", PROVIDER, model).tokenCost(10))));
        }
        for (long cost : new long[] {-1, -100, Long.MIN_VALUE}) {
            checks.add(() -> assertInvalid("tokenCost", () -> jobs().submit(good.tokenCost(cost))));
        }
        for (int images : new int[] {0, -1, Integer.MIN_VALUE, 100_001}) {
            checks.add(() -> assertInvalid("totalImages", () -> jobs().submit(good.totalImages(images))));
        }
        for (int attempts : new int[] {0, -1, Integer.MIN_VALUE, 1001}) {
            checks.add(() -> assertInvalid("maxAttempts", () -> jobs().submit(good.maxAttempts(attempts))));
        }
        for (Map<String, Object> parameters : notJson()) {
            checks.add(() -> assertInvalid("parameters", () -> jobs().submit(good.parameters(parameters))));
        }
        for (String key : new String[] {"", "  ", "k".repeat(201), "a\nb"}) {
            checks.add(() -> assertInvalid("idempotencyKey", () -> jobs().submit(good.idempotencyKey(key))));
        }
        checks.add(() -> assertInvalid("job", () -> jobs().submit(null)));
        checks.add(() -> assertInvalid("owner", () -> jobs().submit(NewJob.of(null, "fox", PROVIDER, MODEL))));
        checks.add(() -> assertEquals("user", assertThrows(NotFoundException.class,
                () -> jobs().submit(newJob(UserId.of(UUID.randomUUID())))).entity()));
        checks.add(() -> assertEquals("configuration", assertThrows(NotFoundException.class,
                () -> jobs().submit(newJob(bob).tokenCost(10).configuration(portraits.id()))).entity()));
        assertAll(checks);
        assertJobsUnchanged(before);

        Job limits = jobs().submit(NewJob.of(ann, "p".repeat(20_000), "p".repeat(64), "m".repeat(200)).totalImages(100_000)
                .maxAttempts(1000).idempotencyKey("k".repeat(200)));
        assertEquals(limits, reread(limits), "the largest values are accepted");
    }

    @Test
    void unknownJobsAreNotFound() {
        UserId ann = userWithTokens("ann@example.com", 100);
        jobs().submit(newJob(ann).tokenCost(10));
        JobsSnapshot before = jobsSnapshot();
        JobId ghost = JobId.of(UUID.randomUUID());

        assertEquals(Optional.empty(), jobs().find(ghost));
        NotFoundException e = assertThrows(NotFoundException.class, () -> jobs().get(ghost));
        assertEquals("job", e.entity());
        assertEquals(ghost.toString(), e.id());
        assertAll(
                () -> assertThrows(NotFoundException.class, () -> jobs().pause(ghost)),
                () -> assertThrows(NotFoundException.class, () -> jobs().resume(ghost)),
                () -> assertThrows(NotFoundException.class, () -> jobs().cancel(ghost)),
                () -> assertThrows(NotFoundException.class, () -> queue().heartbeat(ghost, 1, LEASE)),
                () -> assertThrows(NotFoundException.class, () -> queue().complete(ghost, 1, 1, 0)),
                () -> assertThrows(NotFoundException.class, () -> queue().fail(ghost, 1, "boom", true)),
                () -> assertEquals("user", assertThrows(NotFoundException.class,
                        () -> jobs().history(UserId.of(UUID.randomUUID()), Set.of(), PageRequest.first(5))).entity()));
        assertJobsUnchanged(before);
    }

    @Test
    void nullArgumentsAreRefused() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(10));
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        JobsSnapshot before = jobsSnapshot();

        assertAll(
                () -> assertInvalid("owner", () -> jobs().createConfiguration(null, "x", Map.of())),
                () -> assertInvalid("configurationId", () -> jobs().findConfiguration(null)),
                () -> assertInvalid("configurationId", () -> jobs().updateConfiguration(null, "x", Map.of())),
                () -> assertInvalid("configurationId", () -> jobs().deleteConfiguration(null)),
                () -> assertInvalid("configurationId", () -> ConfigurationId.of(null)),
                () -> assertInvalid("owner", () -> jobs().configurations(null, PageRequest.first(5))),
                () -> assertInvalid("page", () -> jobs().configurations(ann, null)),
                () -> assertInvalid("jobId", () -> jobs().find(null)),
                () -> assertInvalid("jobId", () -> jobs().get(null)),
                () -> assertInvalid("jobId", () -> jobs().pause(null)),
                () -> assertInvalid("jobId", () -> jobs().resume(null)),
                () -> assertInvalid("jobId", () -> jobs().cancel(null)),
                () -> assertInvalid("jobId", () -> JobId.of(null)),
                () -> assertInvalid("owner", () -> jobs().history(null, Set.of(), PageRequest.first(5))),
                () -> assertInvalid("statuses", () -> jobs().history(ann, null, PageRequest.first(5))),
                () -> assertInvalid("page", () -> jobs().history(ann, Set.of(), null)),
                () -> assertInvalid("scope", () -> jobs().statistics(null)),
                () -> assertInvalid("cutoff", () -> jobs().archiveFinishedBefore(null)),
                () -> assertInvalid("worker", () -> queue().claim(null, 1, LEASE)),
                () -> assertInvalid("lease", () -> queue().claim("w", 1, null)),
                () -> assertInvalid("jobId", () -> queue().heartbeat(null, 1, LEASE)),
                () -> assertInvalid("lease", () -> queue().heartbeat(job.id(), 1, null)),
                () -> assertInvalid("jobId", () -> queue().complete(null, 1, 1, 0)),
                () -> assertInvalid("jobId", () -> queue().fail(null, 1, "boom", true)),
                () -> assertInvalid("error", () -> queue().fail(job.id(), 1, null, true)),
                () -> assertInvalid("provider", () -> queue().limitProvider(null, 1)),
                () -> assertInvalid("provider", () -> queue().removeProviderLimit(null)),
                () -> assertInvalid("settings", () -> jobs().updateConfiguration(portraits.id(), "x", null)));
        assertJobsUnchanged(before);
    }

    // ---- the status machine ----------------------------------------------------------------------------------------

    @Test
    void theStatusMachineHasExactlyTheDocumentedMoves() {
        Map<JobStatus, Set<JobStatus>> moves = new EnumMap<>(JobStatus.class);
        moves.put(JobStatus.QUEUED, EnumSet.of(JobStatus.RUNNING, JobStatus.PAUSED, JobStatus.CANCELLED));
        moves.put(JobStatus.RUNNING, EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.QUEUED));
        moves.put(JobStatus.PAUSED, EnumSet.of(JobStatus.QUEUED));
        moves.put(JobStatus.SUCCEEDED, EnumSet.of(JobStatus.ARCHIVED));
        moves.put(JobStatus.FAILED, EnumSet.of(JobStatus.ARCHIVED));
        moves.put(JobStatus.CANCELLED, EnumSet.of(JobStatus.ARCHIVED));
        moves.put(JobStatus.ARCHIVED, EnumSet.noneOf(JobStatus.class));
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                assertEquals(moves.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
        assertEquals(EnumSet.of(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED),
                EnumSet.copyOf(List.of(JobStatus.values()).stream().filter(JobStatus::isFinished).toList()));
    }

    /** One job in each status, made through the API. */
    private Map<JobStatus, Job> oneJobInEachStatus(UserId owner) {
        Map<JobStatus, Job> jobs = new EnumMap<>(JobStatus.class);
        Job toArchive = succeeded(newJob(owner).tokenCost(10));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, jobs().archiveFinishedBefore(now()));
        jobs.put(JobStatus.ARCHIVED, reread(toArchive));
        jobs.put(JobStatus.RUNNING, reread(running(newJob(owner).tokenCost(10))));
        jobs.put(JobStatus.SUCCEEDED, reread(succeeded(newJob(owner).tokenCost(10))));
        jobs.put(JobStatus.FAILED, reread(failed(newJob(owner).tokenCost(10))));
        jobs.put(JobStatus.CANCELLED, jobs().cancel(jobs().submit(newJob(owner).tokenCost(10)).id()));
        jobs.put(JobStatus.PAUSED, jobs().pause(jobs().submit(newJob(owner).tokenCost(10)).id()));
        jobs.put(JobStatus.QUEUED, jobs().submit(newJob(owner).tokenCost(10)));
        for (Map.Entry<JobStatus, Job> entry : jobs.entrySet()) {
            assertEquals(entry.getKey(), entry.getValue().status());
            assertEquals(entry.getValue(), reread(entry.getValue()));
        }
        return jobs;
    }

    @Test
    void everyOtherMoveIsAnIllegalTransitionThatChangesNothing() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        Map<JobStatus, Job> jobs = oneJobInEachStatus(ann);
        JobsSnapshot before = jobsSnapshot();
        clock.advance(Duration.ofMinutes(1));

        Map<JobStatus, Function<JobId, Job>> moves = new EnumMap<>(JobStatus.class);
        moves.put(JobStatus.PAUSED, id -> jobs().pause(id));
        moves.put(JobStatus.QUEUED, id -> jobs().resume(id));
        moves.put(JobStatus.CANCELLED, id -> jobs().cancel(id));
        Map<JobStatus, Set<JobStatus>> allowedFrom = Map.of(
                JobStatus.PAUSED, EnumSet.of(JobStatus.QUEUED),
                JobStatus.QUEUED, EnumSet.of(JobStatus.PAUSED),
                JobStatus.CANCELLED, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING));
        List<Executable> checks = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (Map.Entry<JobStatus, Function<JobId, Job>> move : moves.entrySet()) {
                if (allowedFrom.get(move.getKey()).contains(from)) {
                    continue;
                }
                Job job = jobs.get(from);
                checks.add(() -> {
                    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                            () -> move.getValue().apply(job.id()), from + " -> " + move.getKey());
                    assertEquals(from.name(), e.from());
                    assertEquals(move.getKey().name(), e.to());
                });
            }
        }
        assertEquals(17, checks.size(), "three moves from seven statuses, four of the 21 allowed");
        assertAll(checks);
        assertJobsUnchanged(before);
        assertEquals(30, account(ann).held(), "the running, paused and queued jobs hold their cost");
    }

    @Test
    void pauseHoldsAQueuedJobBackAndResumeQueuesItAgain() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job job = jobs().submit(newJob(ann).tokenCost(25).priority(3));
        clock.advance(Duration.ofMinutes(1));

        Job paused = jobs().pause(job.id());
        assertEquals(withStatus(job, JobStatus.PAUSED), paused, "only the status changes");
        assertEquals(paused, reread(job));
        assertEquals(List.of(), queue().claim("worker", 10, LEASE), "a paused job is not claimed");
        assertEquals(25, account(ann).held(), "a paused job keeps its hold");

        clock.advance(Duration.ofMinutes(1));
        Job resumed = jobs().resume(job.id());
        assertEquals(job, resumed, "back as it was");
        assertEquals(resumed, reread(job));
        ClaimedJob claimed = claim("worker", job.id());
        assertEquals(JobStatus.RUNNING, claimed.job().status());
    }

    @Test
    void cancellingAQueuedJobReleasesItsHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job queued = jobs().submit(newJob(ann).tokenCost(40));
        Job paused = jobs().pause(jobs().submit(newJob(ann).tokenCost(20)).id());
        clock.advance(Duration.ofMinutes(3));

        Job cancelled = jobs().cancel(queued.id());
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals(now(), cancelled.completedAt());
        assertNull(cancelled.startedAt());
        assertEquals(Optional.empty(), cancelled.duration(), "it never ran");
        assertEquals(0, cancelled.attempts());
        assertEquals(cancelled, reread(queued));
        Hold hold = holdOf(queued);
        assertEquals(HoldStatus.RELEASED, hold.status());
        assertEquals(0, hold.captured());
        assertEquals(now(), hold.settledAt());
        assertEquals(20, account(ann).held(), "only the paused job still holds tokens");
        assertEquals(100, account(ann).balance());
        assertEquals(1, fullHistory(ann).size(), "a release writes no entry");
        assertEquals(List.of(), queue().claim("worker", 10, LEASE));

        assertEquals(JobStatus.QUEUED, jobs().resume(paused.id()).status(), "a paused job is resumed before it is cancelled");
        jobs().cancel(paused.id());
        assertEquals(0, account(ann).held());
    }

    // ---- the hold follows the job ----------------------------------------------------------------------------------

    @Test
    void successCapturesTheSuccessfulShareAndReleasesTheRest() {
        UserId ann = userWithTokens("ann@example.com", 500);
        Job job = jobs().submit(newJob(ann).tokenCost(100).totalImages(4));
        ClaimedJob claimed = claim("worker", job.id());
        clock.advance(Duration.ofSeconds(12));

        Job done = queue().complete(job.id(), claimed.fencingToken(), 3, 1);
        assertEquals(JobStatus.SUCCEEDED, done.status());
        assertEquals(3, done.successfulImages());
        assertEquals(1, done.failedImages());
        assertEquals(Optional.of(Duration.ofSeconds(12)), done.duration());
        assertEquals(done, reread(job));

        TokenAccount account = account(ann);
        assertEquals(425, account.balance(), "3 of 4 images: 75 of 100 tokens");
        assertEquals(0, account.held());
        assertEquals(List.of(new LedgerEntry(ann, 2, -75, "GENERATION", "job:" + job.id(), 425, job.holdId(), now())),
                captures(ann));
        Hold hold = holdOf(job);
        assertEquals(HoldStatus.CAPTURED, hold.status());
        assertEquals(75, hold.captured());
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void theCapturedShareRoundsDownAndNoSuccessCostsNothing() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Job twoOfThree = jobs().submit(newJob(ann).tokenCost(10).totalImages(3));
        Job noneOfThree = jobs().submit(newJob(ann).tokenCost(10).totalImages(3));
        Job allOfThree = jobs().submit(newJob(ann).tokenCost(10).totalImages(3));
        Job partlyCounted = jobs().submit(newJob(ann).tokenCost(9).totalImages(3));
        List<ClaimedJob> claimed = queue().claim("worker", 4, LEASE);
        assertEquals(ids(List.of(twoOfThree, noneOfThree, allOfThree, partlyCounted)), claimedIds(claimed));

        queue().complete(twoOfThree.id(), 1, 2, 1);
        queue().complete(noneOfThree.id(), 1, 0, 3);
        queue().complete(allOfThree.id(), 1, 3, 0);
        queue().complete(partlyCounted.id(), 1, 1, 0);

        assertEquals(6, holdOf(twoOfThree).captured(), "10 × 2 / 3 rounds down to 6");
        assertEquals(HoldStatus.RELEASED, holdOf(noneOfThree).status(), "no image, no charge");
        assertEquals(10, holdOf(allOfThree).captured());
        assertEquals(3, holdOf(partlyCounted).captured(), "counts below the total: 9 × 1 / 3");
        assertEquals(List.of(-3L, -10L, -6L), captures(ann).stream().map(LedgerEntry::amount).toList());
        assertEquals(100 - 6 - 10 - 3, account(ann).balance());
        assertEquals(0, account(ann).held());
    }

    @Test
    void noHoldOutlivesItsJob() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        List<Job> all = new ArrayList<>();
        all.add(succeeded(newJob(ann).tokenCost(10).totalImages(2)));
        all.add(failed(newJob(ann).tokenCost(20)));
        Job cancelledQueued = jobs().submit(newJob(ann).tokenCost(30));
        all.add(jobs().cancel(cancelledQueued.id()));
        Job cancelledRunning = running(newJob(ann).tokenCost(40));
        all.add(jobs().cancel(cancelledRunning.id()));

        Job retried = jobs().submit(newJob(ann).tokenCost(50).maxAttempts(2));
        ClaimedJob first = claim("worker", retried.id());
        assertEquals(JobStatus.QUEUED, queue().fail(retried.id(), first.fencingToken(), "timeout", true).status());
        assertEquals(50, account(ann).held(), "a retry keeps the hold");
        clock.advance(Duration.ofMinutes(10));
        ClaimedJob second = claim("worker", retried.id());
        Job exhausted = queue().fail(retried.id(), second.fencingToken(), "timeout again", true);
        assertEquals(JobStatus.FAILED, exhausted.status(), "no attempts left");
        all.add(exhausted);

        Job abandoned = jobs().submit(newJob(ann).tokenCost(60).maxAttempts(1));
        claim("vanished", abandoned.id());
        clock.advance(LEASE);
        assertEquals(List.of(), queue().claim("worker", 10, LEASE));
        all.add(reread(abandoned));

        for (Job job : all) {
            Job now = reread(job);
            assertTrue(now.status().isFinished(), now::toString);
            assertNotEquals(HoldStatus.ACTIVE, holdOf(now).status(), () -> "hold of " + now);
        }
        assertEquals(HoldStatus.CAPTURED, holdOf(all.get(0)).status());
        TokenAccount account = account(ann);
        assertEquals(0, account.held(), "every hold was settled with its job");
        assertEquals(990, account.balance(), "only the succeeded job was paid for");
        assertEquals(List.of(), store.ledger().verify());
    }

    // ---- history ---------------------------------------------------------------------------------------------------

    @Test
    void historyIsNewestFirstInKeysetPages() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            clock.advance(Duration.ofSeconds(1));
            submitted.add(jobs().submit(newJob(ann).priority(i % 3).parameters(Map.of("i", i))));
            if (i % 4 == 0) {
                jobs().submit(newJob(bob));
            }
        }
        submitted.add(jobs().submit(newJob(ann)));
        submitted.add(jobs().submit(newJob(ann)));
        List<Job> newestFirst = new ArrayList<>(submitted);
        Collections.reverse(newestFirst);

        List<Integer> sizes = new ArrayList<>();
        List<Job> read = new ArrayList<>();
        Page<Job> page = jobs().history(ann, Set.of(), PageRequest.first(4));
        while (true) {
            sizes.add(page.items().size());
            read.addAll(page.items());
            if (!page.hasNext()) {
                break;
            }
            page = jobs().history(ann, Set.of(), page.next(4).orElseThrow());
        }
        assertEquals(List.of(4, 4, 4, 1), sizes);
        assertEquals(newestFirst, read, "newest first, the same instant in submit order");
        assertEquals(newestFirst, allJobs(store, ann, Set.of(), 1));
        assertEquals(3, allJobs(bob).size());
        assertEquals(List.of(), jobs().history(newUser("cy@example.com").id(), Set.of(), PageRequest.first(3)).items());
    }

    @Test
    void historyFiltersByStatus() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        Job succeededA = succeeded(newJob(ann).tokenCost(1));
        Job failed = failed(newJob(ann).tokenCost(1));
        Job cancelled = jobs().cancel(jobs().submit(newJob(ann).tokenCost(1)).id());
        Job succeededB = succeeded(newJob(ann).tokenCost(1));
        Job running = running(newJob(ann).tokenCost(1));
        Job succeededC = succeeded(newJob(ann).tokenCost(1));
        Job bobs = succeeded(newJob(userWithTokens("bob@example.com", 10)).tokenCost(1));
        Job paused = jobs().pause(jobs().submit(newJob(ann).tokenCost(1)).id());
        Job queued = jobs().submit(newJob(ann).tokenCost(1));

        assertEquals(ids(List.of(succeededC, succeededB, succeededA)), ids(allJobs(ann, JobStatus.SUCCEEDED)));
        assertEquals(List.of(reread(succeededC), reread(succeededB), reread(succeededA)),
                allJobs(store, ann, EnumSet.of(JobStatus.SUCCEEDED), 2), "filtered pages");
        assertEquals(ids(List.of(cancelled, failed)), ids(allJobs(ann, JobStatus.FAILED, JobStatus.CANCELLED)));
        assertEquals(ids(List.of(queued, paused, running)),
                ids(allJobs(ann, JobStatus.QUEUED, JobStatus.PAUSED, JobStatus.RUNNING)));
        assertEquals(List.of(), allJobs(ann, JobStatus.ARCHIVED));
        List<Job> everything = allJobs(ann);
        assertEquals(ids(List.of(queued, paused, succeededC, running, succeededB, cancelled, failed, succeededA)),
                ids(everything), "an empty filter is every status");
        assertEquals(everything, allJobs(store, ann, EnumSet.allOf(JobStatus.class), 3));
        assertEquals(List.of(bobs.id()), ids(allJobs(bobs.owner(), JobStatus.SUCCEEDED)));
    }

    @Test
    void historyPagesNeitherSkipNorRepeatWhileJobsAreAdded() {
        UserId ann = newUser("ann@example.com").id();
        for (int i = 0; i < 12; i++) {
            jobs().submit(newJob(ann));
        }
        List<Job> before = allJobs(ann);
        Page<Job> first = jobs().history(ann, Set.of(), PageRequest.first(5));
        for (int i = 0; i < 4; i++) {
            jobs().submit(newJob(ann));
        }
        List<Job> read = new ArrayList<>(first.items());
        Page<Job> page = first;
        while (page.hasNext()) {
            page = jobs().history(ann, Set.of(), page.next(5).orElseThrow());
            read.addAll(page.items());
        }
        assertEquals(before, read);
        assertEquals(16, allJobs(ann).size());
    }

    // ---- statistics ------------------------------------------------------------------------------------------------

    @Test
    void statisticsOfNoJobsAreZero() {
        UserId ann = newUser("ann@example.com").id();
        JobConfiguration unused = jobs().createConfiguration(ann, "unused", Map.of());
        JobStatistics zero = new JobStatistics(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

        assertEquals(zero, jobs().statistics(JobScope.all()));
        assertEquals(zero, jobs().statistics(JobScope.of(ann)));
        assertEquals(zero, jobs().statistics(JobScope.of(unused.id())));
        assertEquals(zero, jobs().statistics(JobScope.of(UserId.of(UUID.randomUUID()))), "a scope is a filter");

        jobs().submit(newJob(ann).totalImages(5));
        jobs().cancel(jobs().submit(newJob(ann)).id());
        assertEquals(new JobStatistics(2, 0, 0, 1, 6, 0, 0, Duration.ZERO, Duration.ZERO), jobs().statistics(JobScope.of(ann)),
                "jobs that never ran have no run time");
    }

    @Test
    void statisticsCountOutcomesImagesAndRunTimesExactly() {
        UserId ann = userWithTokens("ann@example.com", 10_000);
        UserId bob = userWithTokens("bob@example.com", 10_000);
        JobConfiguration portraits = jobs().createConfiguration(ann, "portraits", Map.of());
        List<Job> twenty = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            clock.advance(Duration.ofMillis(1));
            twenty.add(jobs().submit(newJob(ann).tokenCost(8).totalImages(4).configuration(i % 2 == 0 ? portraits.id() : null)));
        }
        clock.advance(Duration.ofMinutes(1));
        List<ClaimedJob> claimed = queue().claim("worker", 20, Duration.ofHours(1));
        assertEquals(ids(twenty), claimedIds(claimed));

        // Job i runs for i seconds and 250 microseconds; every fifth fails, every seventh is cancelled while running.
        clock.advance(Duration.ofNanos(250_000));
        for (int i = 1; i <= 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            JobId id = twenty.get(i - 1).id();
            if (i % 5 == 0) {
                queue().fail(id, 1, "provider error", false);
            } else if (i % 7 == 0) {
                jobs().cancel(id);
            } else {
                queue().complete(id, 1, 3, 1);
            }
            assertEquals(Optional.of(Duration.ofSeconds(i).plusNanos(250_000)), reread(twenty.get(i - 1)).duration());
        }
        jobs().submit(newJob(ann).totalImages(2));
        jobs().cancel(jobs().submit(newJob(ann)).id());

        // Bob's one job runs 100 s and 3 µs, which keeps the mean over all 21 run times a whole microsecond.
        Job bobs = jobs().submit(newJob(bob).tokenCost(1).priority(1));
        assertEquals(List.of(bobs.id()), claimedIds(queue().claim("worker", 1, Duration.ofHours(1))));
        clock.advance(Duration.ofSeconds(100).plusNanos(3_000));
        queue().complete(bobs.id(), 1, 1, 0);

        // Ann: 22 jobs; 14 succeeded, 4 failed, 3 cancelled; 20 × 4 + 2 + 1 images; run times 1..20 s (+250 µs).
        JobStatistics anns = new JobStatistics(22, 14, 4, 3, 83, 42, 14,
                Duration.ofNanos(10_500_250_000L), Duration.ofNanos(19_000_250_000L));
        assertEquals(anns, jobs().statistics(JobScope.of(ann)));
        // All: bob's job too; mean (210,005,000 + 100,000,003) / 21 µs; p95 is the 20th of 21 run times.
        assertEquals(new JobStatistics(23, 15, 4, 3, 84, 43, 14,
                Duration.ofNanos(14_762_143_000L), Duration.ofNanos(20_000_250_000L)), jobs().statistics(JobScope.all()));
        // The configuration: jobs 2, 4 … 20; 10 and 20 failed, 14 cancelled; run times 2, 4 … 20 s (+250 µs).
        assertEquals(new JobStatistics(10, 7, 2, 1, 40, 21, 7,
                Duration.ofNanos(11_000_250_000L), Duration.ofNanos(20_000_250_000L)), jobs().statistics(JobScope.of(portraits.id())));
        // A window over the first ten jobs' creation: [created 1, created 11).
        Instant from = twenty.get(0).createdAt();
        Instant to = twenty.get(10).createdAt();
        JobStatistics firstTen = new JobStatistics(10, 7, 2, 1, 40, 21, 7,
                Duration.ofNanos(5_500_250_000L), Duration.ofNanos(10_000_250_000L));
        assertEquals(firstTen, jobs().statistics(JobScope.of(ann).between(from, to)));
        assertEquals(firstTen, jobs().statistics(JobScope.all().between(from, to)), "bob's job was created later");
        assertEquals(new JobStatistics(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO),
                jobs().statistics(JobScope.all().between(START.minus(Duration.ofDays(1)), START)));

        JobsSnapshot before = jobsSnapshot();
        assertInvalid("scope", () -> jobs().statistics(JobScope.all().between(to, to)));
        assertInvalid("scope", () -> jobs().statistics(JobScope.all().between(to, from)));
        assertJobsUnchanged(before);
    }

    // ---- archiving -------------------------------------------------------------------------------------------------

    @Test
    void archiveFinishedBeforeMovesOnlyFinishedJobsOlderThanTheCutoff() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        clock.advance(Duration.ofMinutes(1));
        Job oldSuccess = succeeded(newJob(ann).tokenCost(10));
        clock.advance(Duration.ofMinutes(1));
        Job oldFailure = failed(newJob(ann).tokenCost(10));
        clock.advance(Duration.ofMinutes(1));
        Job oldCancel = jobs().cancel(jobs().submit(newJob(ann).tokenCost(10)).id());
        clock.advance(Duration.ofMinutes(1));
        Instant cutoff = now();
        Job atCutoff = succeeded(newJob(ann).tokenCost(10));
        assertEquals(cutoff, atCutoff.completedAt());
        clock.advance(Duration.ofMinutes(1));
        Job newSuccess = succeeded(newJob(ann).tokenCost(10));
        Job running = running(newJob(ann).tokenCost(10));
        Job retrying = jobs().submit(newJob(ann).tokenCost(10));
        queue().fail(retrying.id(), claim("worker", retrying.id()).fencingToken(), "timeout", true);
        Job paused = jobs().pause(jobs().submit(newJob(ann).tokenCost(10)).id());
        Job queued = jobs().submit(newJob(ann).tokenCost(10));
        clock.advance(Duration.ofDays(30));
        List<Job> untouched = new ArrayList<>();
        for (Job job : List.of(atCutoff, newSuccess, running, retrying, paused, queued)) {
            untouched.add(reread(job));
        }
        JobStatistics statistics = jobs().statistics(JobScope.all());
        TokenAccount account = account(ann);

        assertEquals(3, jobs().archiveFinishedBefore(cutoff));

        for (Job job : List.of(oldSuccess, oldFailure, oldCancel)) {
            assertEquals(withStatus(job, JobStatus.ARCHIVED), reread(job), "only the status changes");
        }
        for (Job job : untouched) {
            assertEquals(job, reread(job));
        }
        assertEquals(ids(List.of(oldCancel, oldFailure, oldSuccess)), ids(allJobs(ann, JobStatus.ARCHIVED)));
        assertEquals(List.of(newSuccess.id(), atCutoff.id()), ids(allJobs(ann, JobStatus.SUCCEEDED)));
        assertEquals(statistics, jobs().statistics(JobScope.all()), "archived jobs still count in the statistics");
        assertEquals(account, account(ann), "archiving does not touch the tokens");

        JobsSnapshot before = jobsSnapshot();
        assertEquals(0, jobs().archiveFinishedBefore(cutoff), "archived once");
        assertEquals(0, jobs().archiveFinishedBefore(START.minus(Duration.ofDays(1))));
        assertJobsUnchanged(before);

        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, jobs().archiveFinishedBefore(now()), "the job at the cutoff and the newer one");
        assertEquals(5, allJobs(ann, JobStatus.ARCHIVED).size());
    }
}
