package dev.genstore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genstore.Genstore;
import dev.genstore.accounts.Accounts;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.blobs.BlobStore;
import dev.genstore.blobs.BlobUrlSigner;
import dev.genstore.budget.Budgets;
import dev.genstore.cache.ImageCache;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.images.Images;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.Jobs;
import dev.genstore.ledger.Ledger;
import dev.genstore.metrics.StoreMetrics;
import dev.genstore.ops.Housekeeper;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.ops.Operations;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.prompts.Prompts;
import dev.genstore.qa.QualityAssurance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each configuration path of the auto-configuration, on real databases. */
class GenstoreAutoConfigurationTest {
    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenstoreAutoConfiguration.class));

    @Test
    void sqliteIsTheDefaultAndEveryServiceIsABean() {
        Path file = dir.resolve("data/app.db");
        runner.withPropertyValues("genstore.sqlite.path=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            Genstore store = context.getBean(Genstore.class);
            assertThat(store.backend()).isEqualTo("sqlite");
            assertThat(Files.exists(file)).isTrue();
            for (Class<?> service : new Class<?>[] {Accounts.class, OneTimePasswords.class, Ledger.class, Jobs.class,
                    JobQueue.class, Images.class, Budgets.class, Prompts.class, QualityAssurance.class, ImageCache.class,
                    BlobStore.class, Operations.class, Housekeeper.class}) {
                assertThat(context).hasSingleBean(service);
            }
            UserId ann = context.getBean(Accounts.class).create(NewUser.withEmail("ann@example.com")).id();
            context.getBean(Ledger.class).credit(ann, 10, "BONUS", "bonus-1");
            assertThat(store.ledger().account(ann).balance()).isEqualTo(10);
            assertThat(store.housekeeping().scheduled()).as("housekeeping is off by default").isFalse();
            assertThat(context).doesNotHaveBean(StoreMetrics.class);
        });
    }

    @Test
    void memoryWithHousekeepingAndABlobDirectory() {
        Path blobs = dir.resolve("blobs");
        runner.withPropertyValues("genstore.backend=memory", "genstore.housekeeping.enabled=true",
                "genstore.housekeeping.purge-interval=10m", "genstore.blobs.directory=" + blobs,
                "genstore.slow-operation-threshold=50ms").run(context -> {
            Genstore store = context.getBean(Genstore.class);
            assertThat(store.backend()).isEqualTo("memory");
            assertThat(store.housekeeping().scheduled()).isTrue();
            assertThat(store.housekeeping().policy().interval(HousekeepingTask.PURGE)).contains(Duration.ofMinutes(10));
            store.blobs().put("images/x/1-a.bin", new byte[] {1, 2, 3}, "application/octet-stream");
            assertThat(Files.exists(blobs.resolve("images/x/1-a.bin"))).isTrue();
        });
    }

    @Test
    void postgresAtAUrl() {
        runner.withPropertyValues("genstore.backend=postgres", "genstore.postgres.url=" + TestPostgres.freshSchemaUrl(),
                "genstore.postgres.pool-size=3").run(context -> {
            Genstore store = context.getBean(Genstore.class);
            assertThat(store.backend()).isEqualTo("postgres");
            assertThat(store.operations().schemaVersion()).isPresent();
        });
    }

    @Test
    void postgresOnTheApplicationsDataSource() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("genstore.backend=postgres", "spring.datasource.url=" + TestPostgres.freshSchemaUrl())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Genstore store = context.getBean(Genstore.class);
                    assertThat(store.backend()).isEqualTo("postgres");
                    UserId ann = store.accounts().create(NewUser.withEmail("ann@example.com")).id();
                    assertThat(store.accounts().get(ann).email()).isEqualTo("ann@example.com");
                });
    }

    @Test
    void postgresWithoutUrlOrDataSourceFailsSayingWhatIsMissing() {
        runner.withPropertyValues("genstore.backend=postgres").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("genstore.postgres.url or one DataSource bean");
        });
    }

    @Test
    void metricsGoToTheApplicationsRegistry() {
        runner.withPropertyValues("genstore.backend=memory")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasSingleBean(StoreMetrics.class);
                    context.getBean(Accounts.class).create(NewUser.withEmail("ann@example.com"));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("genstore.operation").tag("service", "accounts").timer()).isNotNull();
                });
    }

    @Test
    void metricsCanBeTurnedOff() {
        runner.withPropertyValues("genstore.backend=memory", "genstore.metrics.enabled=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).doesNotHaveBean(StoreMetrics.class));
    }

    @Test
    void healthAndInfoTellBackendSchemaAndLastVerification() {
        runner.withPropertyValues("genstore.backend=memory").run(context -> {
            HealthIndicator health = context.getBean("genstoreHealthIndicator", HealthIndicator.class);
            Health up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("backend", "memory").containsKey("schemaVersion");
            context.getBean(Housekeeper.class).runNow(HousekeepingTask.PURGE);
            context.getBean(Operations.class).verify();
            Health after = health.health();
            assertThat(after.getDetails()).containsEntry("lastVerification", "passed");
            assertThat(((Map<?, ?>) after.getDetails().get("housekeeping")).keySet()).map(String::valueOf).contains("purge");

            Info.Builder info = new Info.Builder();
            context.getBean("genstoreInfoContributor", InfoContributor.class).contribute(info);
            Map<?, ?> genstore = (Map<?, ?>) info.build().getDetails().get("genstore");
            assertThat(genstore.get("backend")).isEqualTo("memory");
            assertThat(genstore.get("schemaVersion")).isEqualTo(context.getBean(Operations.class).schemaVersion().orElseThrow());
        });
    }

    @Test
    void sqliteSettingsReachTheStorageAndBadOnesStopTheContext() {
        Path file = dir.resolve("tuned.db");
        runner.withPropertyValues("genstore.sqlite.path=" + file, "genstore.sqlite.page-cache=64MB",
                "genstore.sqlite.readers=2", "genstore.sqlite.busy-timeout=5s").run(context -> {
            assertThat(context).hasNotFailed();
            UserId ann = context.getBean(Accounts.class).create(NewUser.withEmail("ann@example.com")).id();
            assertThat(context.getBean(Accounts.class).get(ann).email()).isEqualTo("ann@example.com");
        });
        runner.withPropertyValues("genstore.sqlite.path=" + file, "genstore.sqlite.page-cache=1KB").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("pageCache"));
        runner.withPropertyValues("genstore.sqlite.path=" + file, "genstore.sqlite.readers=0").run(context ->
                assertThat(context).getFailure().rootCause().isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("readers"));
    }

    @Test
    void configurationMetadataDescribesTheProperties() throws Exception {
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata generated by spring-boot-configuration-processor").isNotNull();
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"genstore.backend\"", "\"genstore.sqlite.path\"", "\"genstore.postgres.url\"",
                    "\"genstore.blobs.directory\"", "\"genstore.housekeeping.enabled\"", "\"genstore.slow-operation-threshold\"",
                    "\"genstore.metrics.enabled\"", "\"genstore.blobs.url-secret\"", "\"genstore.sqlite.page-cache\"",
                    "\"genstore.sqlite.readers\"", "\"genstore.sqlite.busy-timeout\"");
        }
    }

    @Test
    void blobLinksAreSignedWithTheConfiguredSecretOnTheStoresClock() {
        String secret = "0123456789abcdef0123456789abcdef-test-only";
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        runner.withPropertyValues("genstore.backend=memory", "genstore.blobs.url-secret=" + secret)
                .withBean(GenstoreBuilderCustomizer.class, () -> builder -> builder.clock(Clock.fixed(now, ZoneOffset.UTC)))
                .run(context -> {
                    BlobUrlSigner signer = context.getBean(BlobUrlSigner.class);
                    // 2030 + 5 months is more than 366 days past the real clock: only the store's clock allows it.
                    Instant expiry = Instant.parse("2030-06-01T00:00:00Z");
                    String token = signer.sign("images/u/1-a.png", expiry);
                    BlobUrlSigner sameSecret = BlobUrlSigner.withSecret(secret.getBytes(StandardCharsets.UTF_8));
                    assertThat(sameSecret.verify("images/u/1-a.png", token, now)).isTrue();
                    assertThat(sameSecret.verify("images/u/1-a.png", token, expiry)).as("expired").isFalse();
                    assertThat(context.getBean(GenstoreProperties.class).getBlobs().toString()).doesNotContain(secret);
                });
    }

    @Test
    void withoutASecretEachStartSignsWithItsOwnRandomSecret() {
        String[] tokens = new String[2];
        BlobUrlSigner[] signers = new BlobUrlSigner[2];
        for (int i = 0; i < 2; i++) {
            int n = i;
            runner.withPropertyValues("genstore.backend=memory").run(context -> {
                signers[n] = context.getBean(BlobUrlSigner.class);
                tokens[n] = signers[n].sign("images/u/1-a.png", Instant.now().plusSeconds(600));
            });
        }
        assertThat(signers[0].verify("images/u/1-a.png", tokens[0], Instant.now())).isTrue();
        assertThat(signers[1].verify("images/u/1-a.png", tokens[0], Instant.now())).as("another start's link").isFalse();
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        runner.withPropertyValues("genstore.backend=memory", "genstore.blobs.url-secret=too-short").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("genstore.blobs.url-secret must be at least 32 bytes")
                    .message().doesNotContain("too-short");
        });
    }

    @Test
    void customizersAndOwnBeansWin() {
        runner.withPropertyValues("genstore.backend=memory")
                .withBean(GenstoreBuilderCustomizer.class, () -> builder -> builder.slowOperationThreshold(Duration.ZERO)
                        .housekeeping(dev.genstore.ops.HousekeepingPolicy.defaults()))
                .run(context -> assertThat(context.getBean(Genstore.class).housekeeping().scheduled()).isTrue());
    }
}
