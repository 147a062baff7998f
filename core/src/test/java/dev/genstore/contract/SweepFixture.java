package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.genstore.Genstore;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.accounts.UserUpdate;
import dev.genstore.budget.BudgetLimitId;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.PeriodRange;
import dev.genstore.budget.ReservationId;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.NewImage;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.jobs.ClaimRequest;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.NewJob;
import dev.genstore.jobs.RateLimit;
import dev.genstore.ledger.HoldId;
import dev.genstore.ops.PurgeRequest;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.PromptId;
import dev.genstore.qa.CheckResult;
import dev.genstore.qa.QualityCheckId;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store with one of everything (a user with tokens, a hold, a job, an image, a configuration, a budget limit, a
 * reservation, a prompt, a quality check, a cache entry) and a valid value for every parameter type of the public API,
 * for {@link HostileInputSweepContract}.
 */
final class SweepFixture {
    static final String EMAIL = "sweep@example.com";
    /** A blob put straight into the blob store, for {@code images().register}. */
    static final String REGISTERED_KEY = "sweep/registered.png";

    private final Genstore store;
    private final MutableClock clock;
    private final UserId owner;
    private final HoldId hold;
    private final JobId job;
    private final ImageId image;
    private final ConfigurationId configuration;
    private final BudgetLimitId limit;
    private final ReservationId reservation;
    private final PromptId prompt;
    private final QualityCheckId check;
    private final byte[] png = TestImages.greyPng(8, 8, 128);
    private final Map<Class<?>, Supplier<Object>> valid = new LinkedHashMap<>();
    private int roundTrips;

    SweepFixture(Genstore store, MutableClock clock) {
        this.store = store;
        this.clock = clock;
        owner = store.accounts().create(NewUser.withEmail(EMAIL)).id();
        store.ledger().credit(owner, 1_000, "GIFT", "sweep-credit");
        hold = store.ledger().hold(owner, 10, "GENERATION", "sweep-hold").id();
        job = store.jobs().submit(NewJob.of(owner, "a lighthouse", "openai", "model-x")).id();
        image = store.images().store(NewImage.uploaded(owner, "sweep.png"), png).id();
        configuration = store.jobs().createConfiguration(owner, "sweep", Map.of("steps", 20)).id();
        limit = store.budgets().setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(1_000_000_000))).id();
        reservation = store.budgets().authorize("openai", Cost.usd(10)).id();
        prompt = store.prompts().record("a lighthouse at dusk", "model-x").id();
        check = store.qa().start(owner, image, "sweeper").id();
        store.cache().put(NewCacheEntry.of("ns", "item", Map.of("steps", 20), "image/png"), png);
        store.blobs().put(REGISTERED_KEY, png, "image/png");

        valid.put(UserId.class, () -> owner);
        valid.put(HoldId.class, () -> hold);
        valid.put(JobId.class, () -> job);
        valid.put(ImageId.class, () -> image);
        valid.put(ConfigurationId.class, () -> configuration);
        valid.put(BudgetLimitId.class, () -> limit);
        valid.put(ReservationId.class, () -> reservation);
        valid.put(PromptId.class, () -> prompt);
        valid.put(QualityCheckId.class, () -> check);
        valid.put(String.class, () -> "openai");
        valid.put(long.class, () -> 1L);
        valid.put(int.class, () -> 1);
        valid.put(double.class, () -> 0.5);
        valid.put(boolean.class, () -> false);
        valid.put(Instant.class, clock::instant);
        valid.put(Duration.class, () -> Duration.ofMinutes(1));
        valid.put(byte[].class, () -> png);
        valid.put(InputStream.class, () -> HostileInputSweepContract.bytes(png));
        valid.put(PageRequest.class, () -> PageRequest.first(5));
        valid.put(NewUser.class, () -> NewUser.withEmail("other@example.com"));
        valid.put(ExternalIdentity.class, () -> ExternalIdentity.of("google", "1"));
        valid.put(UserUpdate.class, () -> UserUpdate.change().displayName("Sweep"));
        valid.put(NewJob.class, () -> NewJob.of(owner, "a lighthouse", "openai", "model-x"));
        valid.put(JobScope.class, () -> JobScope.of(owner));
        valid.put(RateLimit.class, () -> RateLimit.of(60, Duration.ofMinutes(1)));
        valid.put(ClaimRequest.class, () -> ClaimRequest.of("sweep-worker", 1, Duration.ofMinutes(1))
                .providers("openai").owners(owner));
        valid.put(JobSelection.class, () -> JobSelection.all().provider("openai").owner(owner));
        valid.put(NewImage.class, () -> NewImage.uploaded(owner, "other.png"));
        valid.put(ImageFilter.class, ImageFilter::all);
        valid.put(ProcessingSettings.class, () -> ProcessingSettings.NONE);
        valid.put(LimitSpec.class, () -> LimitSpec.provider("openai", BudgetPeriod.MONTHLY, Cost.usd(1_000)));
        valid.put(NewSpend.class, () -> NewSpend.of("openai", "model-x", Cost.usd(1)));
        valid.put(Cost.class, () -> Cost.usd(1));
        valid.put(PeriodRange.class, () -> store.budgets().currentPeriod(BudgetPeriod.DAILY));
        valid.put(NewCacheEntry.class, () -> NewCacheEntry.of("ns", "other", Map.of("steps", 21), "image/png"));
        valid.put(PurgeRequest.class, PurgeRequest::nothing);
        valid.put(dev.genstore.images.StoredContent.class,
                () -> dev.genstore.images.StoredContent.of(REGISTERED_KEY, "image/png", png.length, 8, 8));
        valid.put(CheckResult.class, () -> CheckResult.passed(0.9, Map.of("sharpness", 0.9)));
    }

    UserId owner() {
        return owner;
    }

    HoldId hold() {
        return hold;
    }

    JobId job() {
        return job;
    }

    ImageId image() {
        return image;
    }

    /** The services the sweep calls, by the name of the accessor on {@link Genstore}. */
    Map<String, Object> services() {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("accounts", store.accounts());
        services.put("otp", store.otp());
        services.put("ledger", store.ledger());
        services.put("jobs", store.jobs());
        services.put("queue", store.queue());
        services.put("images", store.images());
        services.put("budgets", store.budgets());
        services.put("prompts", store.prompts());
        services.put("qa", store.qa());
        services.put("cache", store.cache());
        services.put("operations", store.operations());
        services.put("blobs", store.blobs());
        return services;
    }

    /** Valid arguments for a method; throws IllegalArgumentException naming a type it has no value for. */
    Object[] validArguments(String service, Method method) {
        Type[] types = method.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = validValue(types[i]);
        }
        String name = service + "." + method.getName();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == String.class) {
                args[i] = validText(name, i, args[i]);
            }
        }
        if (name.equals("queue.claim") && types.length == 2 && types[1] == Duration.class) {
            args[1] = Duration.ZERO; // a claim that waits would wait a minute for every hostile request it accepts
        }
        return args;
    }

    /** A valid value of a type, also used for the components of records the sweep varies. */
    Object validValue(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[0];
            if (raw == Map.class) {
                Type values = parameterized.getActualTypeArguments()[1];
                return values == Double.class ? Map.of("sharpness", 0.9) : Map.of("steps", 20);
            }
            if (raw == Set.class && element instanceof Class<?> enumType && enumType.isEnum()) {
                return Set.of(enumType.getEnumConstants()[0]);
            }
            if ((raw == List.class || raw == Set.class) && element == String.class) {
                return raw == List.class ? List.of("tag") : Set.of("tag");
            }
            if (raw == List.class && element == Integer.class) {
                return List.of(50, 80);
            }
            if (raw == List.class && element == NewJob.class) {
                return List.of(validValue(NewJob.class));
            }
            throw new IllegalArgumentException("no valid value for " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        Supplier<Object> supplier = valid.get(raw);
        if (supplier == null) {
            throw new IllegalArgumentException("no valid value for " + type.getTypeName());
        }
        return supplier.get();
    }

    /** Where a method needs a text of a certain shape (an email, a role, a blob key), that text. */
    private static Object validText(String method, int index, Object fallback) {
        switch (method) {
            case "accounts.findByEmail", "otp.issue":
                return EMAIL;
            case "otp.verify":
                return index == 0 ? EMAIL : "123456";
            case "accounts.addRole", "accounts.removeRole":
                return "editor";
            case "ledger.changePlan":
                return "pro";
            case "ledger.credit", "ledger.debit", "ledger.hold":
                return index == 2 ? "GIFT" : "sweep-ref";
            case "cache.configurationHash":
                return "{\"steps\":20}";
            case "blobs.put", "blobs.get", "blobs.getBytes", "blobs.info", "blobs.exists", "blobs.delete":
                return index == 0 ? "sweep/blob.bin" : "application/octet-stream";
            case "blobs.list":
                return "sweep/";
            default:
                return fallback;
        }
    }

    /** A simple write and read through several services; throws when the store stopped working. */
    void roundTrip() {
        int n = ++roundTrips;
        UserId user = store.accounts().create(NewUser.withEmail("round-trip-" + n + "@example.com")).id();
        store.ledger().credit(user, 5, "GIFT", "round-trip-credit-" + n);
        store.ledger().debit(user, 2, "GENERATION", "round-trip-debit-" + n);
        assertEquals(3, store.ledger().account(user).balance());
        store.budgets().record(NewSpend.of("roundtrip", "model-x", Cost.usd(1)));
        store.budgets().authorize("roundtrip", Cost.usd(1));
        assertFalse(store.budgets().spend(Instant.EPOCH, clock.instant().plus(Duration.ofDays(1))).isEmpty());
        store.budgets().statuses();
        store.images().statistics(owner);
        store.images().store(NewImage.uploaded(user, "round-trip.png").tokensUsed(1), png);
        store.jobs().statistics(JobScope.all());
        store.jobs().submit(NewJob.of(user, "round trip", "openai", "model-x"));
        store.prompts().record("round trip " + n, "model-x");
        store.prompts().statistics();
        store.cache().statistics();
        store.ledger().balanceAt(owner, clock.instant());
    }
}
