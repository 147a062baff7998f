package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.contract.TestImages;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.PageRequest;
import dev.genstore.postgres.CommitCuttingProxy.Cut;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a connection cut at the worst moment of a write, with a real TCP proxy between genstore and a real
 * PostgreSQL server. Whether the server committed and only its answer was lost, or never saw the COMMIT, every write
 * takes effect exactly once and the caller gets its normal result.
 */
class PostgresLostCommitTest {
    private CommitCuttingProxy proxy;
    private Genstore store;

    @BeforeEach
    void open() throws Exception {
        String direct = TestPostgres.freshSchemaUrl();
        Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(direct);
        if (!hostPort.find()) {
            throw new IllegalStateException("no host and port in " + direct);
        }
        proxy = new CommitCuttingProxy(Integer.parseInt(hostPort.group(2)));
        String viaProxy = direct.substring(0, hostPort.start()) + "//127.0.0.1:" + proxy.port() + "/"
                + direct.substring(hostPort.end()) + "&prepareThreshold=0&sslmode=disable";
        store = Genstore.builder().storage(PostgresStorage.of(viaProxy)).build();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        proxy.close();
    }

    private <T> T cutOnce(Cut cut, Supplier<T> write) {
        int before = proxy.cuts();
        proxy.arm(cut);
        T result = write.get();
        assertEquals(before + 1, proxy.cuts(), "the proxy did not cut the write's COMMIT");
        return result;
    }

    private UserId user(String email, long tokens) {
        UserId id = store.accounts().create(NewUser.withEmail(email)).id();
        store.ledger().credit(id, tokens, "TEST_CREDIT", "initial-" + email);
        return id;
    }

    private void everyWriteTakesEffectOnce(Cut cut) {
        UserId user = user(cut + "@example.com", 100);

        cutOnce(cut, () -> store.ledger().debit(user, 7, "GENERATION", "debit-1"));
        assertEquals(93, store.ledger().account(user).balance());

        cutOnce(cut, () -> store.ledger().credit(user, 5, "REFUND", "credit-1"));
        assertEquals(98, store.ledger().account(user).balance());

        cutOnce(cut, () -> store.jobs().submit(NewJob.of(user, "a cat", "openai", "m").tokenCost(3)));
        assertEquals(1, store.jobs().history(user, Set.of(), PageRequest.first(10)).items().size());
        assertEquals(1, store.jobs().statistics(JobScope.of(user)).totalJobs());

        cutOnce(cut, () -> store.images().store(NewImage.generated(user, "a cat"), TestImages.greyPng(8, 8, 1)));
        assertEquals(1, store.images().list(user, ImageFilter.all(), PageRequest.first(10)).items().size());

        cutOnce(cut, () -> store.prompts().record("a dog in the rain", "m"));
        assertEquals(1, store.prompts().findByText("a dog in the rain").orElseThrow().totalUses());

        Map<String, Object> config = Map.of("size", 4);
        cutOnce(cut, () -> store.cache().put(NewCacheEntry.of("ns", "item", config, "image/png"),
                TestImages.greyPng(4, 4, 1)));
        assertEquals(1, store.cache().statistics().entries());

        assertEquals(List.of(), store.ledger().verify());
        assertEquals(List.of(), store.operations().verify().problems());
    }

    @Test
    void writesWhoseCommitAnswerWasLostTakeEffectOnce() {
        everyWriteTakesEffectOnce(Cut.AFTER_COMMIT);
    }

    @Test
    void writesWhoseCommitNeverArrivedTakeEffectOnce() {
        everyWriteTakesEffectOnce(Cut.BEFORE_COMMIT);
    }
}
