package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator's read side of the queue (issue 16, the console): every user's jobs in keyset pages with filters, jobs
 * per status and queue levels per provider, each across users and read through {@code jobs().operator()}.
 */
public abstract class OperatorJobsContract extends JobsContractSupport {

    /** Every job of the operator list for the selection and statuses, page after page. */
    private List<Job> listAll(JobSelection selection, Set<JobStatus> statuses, int pageSize) {
        List<Job> all = new ArrayList<>();
        Set<JobId> seen = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        while (true) {
            Page<Job> page = jobs().operator().list(selection, statuses, request);
            assertTrue(page.items().size() <= pageSize);
            for (Job job : page.items()) {
                assertTrue(seen.add(job.id()), "listed twice: " + job.id());
                all.add(job);
            }
            if (!page.hasNext()) {
                return all;
            }
            request = page.next(pageSize).orElseThrow();
        }
    }

    @Test
    void listsEveryUsersJobsNewestFirstWithFilters() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UserId owner = i % 2 == 0 ? ann : bob;
            String provider = i % 3 == 0 ? "stability" : PROVIDER;
            submitted.add(jobs().submit(NewJob.of(owner, "prompt " + i, provider, MODEL)));
            clock.advance(Duration.ofSeconds(1));
        }
        Job paused = jobs().operator().pause(submitted.get(1).id());

        List<Job> all = listAll(JobSelection.all(), Set.of(), 3);
        List<JobId> newestFirst = submitted.stream().sorted(Comparator.comparing(Job::createdAt).reversed()).map(Job::id).toList();
        assertEquals(newestFirst, ids(all));
        assertEquals(JobStatus.PAUSED, all.stream().filter(j -> j.id().equals(paused.id())).findFirst().orElseThrow().status());

        assertEquals(submitted.stream().filter(j -> j.owner().equals(ann)).count(), listAll(JobSelection.all().owner(ann), Set.of(), 2).size());
        assertTrue(listAll(JobSelection.all().owner(ann), Set.of(), 2).stream().allMatch(j -> j.owner().equals(ann)));
        assertTrue(listAll(JobSelection.all().provider("stability"), Set.of(), 2).stream().allMatch(j -> j.provider().equals("stability")));
        assertEquals(3, listAll(JobSelection.all().provider("stability"), Set.of(), 2).size());
        assertEquals(List.of(paused.id()), ids(listAll(JobSelection.all(), Set.of(JobStatus.PAUSED), 5)));
        assertEquals(6, listAll(JobSelection.all(), EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING), 4).size());
        assertEquals(List.of(submitted.get(6).id()),
                ids(listAll(JobSelection.all().createdAfter(submitted.get(5).createdAt()), Set.of(), 10)));
        assertTrue(listAll(JobSelection.all().owner(UserId.of(java.util.UUID.randomUUID())), Set.of(), 10).isEmpty(), "no such user: an empty page");
    }

    @Test
    void countsJobsPerStatusAcrossUsers() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        Job first = jobs().submit(newJob(ann));
        jobs().submit(newJob(bob));
        jobs().submit(NewJob.of(bob, "other", "stability", MODEL));
        ClaimedJob claimed = claim("worker", first.id());
        queue().fail(claimed.id(), claimed.fencingToken(), "boom", false);

        Map<JobStatus, Long> counts = jobs().operator().countByStatus(JobSelection.all());
        assertEquals(EnumSet.allOf(JobStatus.class), counts.keySet());
        assertEquals(1L, counts.get(JobStatus.FAILED));
        assertEquals(2L, counts.get(JobStatus.QUEUED));
        assertEquals(0L, counts.get(JobStatus.SUCCEEDED));
        assertEquals(1L, jobs().operator().countByStatus(JobSelection.all().provider("stability")).get(JobStatus.QUEUED));
        assertEquals(0L, jobs().operator().countByStatus(JobSelection.all().owner(bob)).get(JobStatus.FAILED));
    }

    @Test
    void readsQueueLevelsPerProviderNow() {
        UserId ann = newUser("ann@example.com").id();
        assertTrue(jobs().operator().queueLevels().isEmpty());
        jobs().submit(newJob(ann));
        clock.advance(Duration.ofSeconds(10));
        jobs().submit(newJob(ann));
        jobs().submit(NewJob.of(ann, "later", "stability", MODEL).runAfter(now().plus(Duration.ofHours(1))));

        Map<String, QueueLevel> levels = jobs().operator().queueLevels();
        assertEquals(2, levels.get(PROVIDER).depth());
        assertEquals(Duration.ofSeconds(10), levels.get(PROVIDER).lag());
        assertEquals(1, levels.get("stability").depth());
        assertEquals(Duration.ZERO, levels.get("stability").lag(), "nothing due yet");
    }

    @Test
    void refusesBadInputBeforeReading() {
        assertThrows(InvalidInputException.class, () -> jobs().operator().list(null, Set.of(), PageRequest.first(5)));
        assertThrows(InvalidInputException.class, () -> jobs().operator().list(JobSelection.all(), null, PageRequest.first(5)));
        assertThrows(InvalidInputException.class, () -> jobs().operator().list(JobSelection.all(), Set.of(), null));
        assertThrows(InvalidInputException.class, () -> jobs().operator().list(JobSelection.all().provider(" "), Set.of(), PageRequest.first(5)));
        assertThrows(InvalidInputException.class, () -> jobs().operator().list(JobSelection.all(), Set.of(), PageRequest.after("garbage", 5)));
        assertThrows(InvalidInputException.class, () -> jobs().operator().countByStatus(null));
        assertFalse(jobs().operator().list(JobSelection.all(), Set.of(), PageRequest.first(5)).hasNext());
    }
}
