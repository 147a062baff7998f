package dev.genstore.spring.boot;

import dev.genstore.Genstore;
import dev.genstore.accounts.Accounts;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.blobs.BlobStore;
import dev.genstore.blobs.BlobUrlSigner;
import dev.genstore.budget.Budgets;
import dev.genstore.cache.ImageCache;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.Images;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.Jobs;
import dev.genstore.ledger.Ledger;
import dev.genstore.metrics.MicrometerMetrics;
import dev.genstore.metrics.StoreMetrics;
import dev.genstore.memory.MemoryStorage;
import dev.genstore.ops.Housekeeper;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.ops.Operations;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.prompts.Prompts;
import dev.genstore.qa.QualityAssurance;
import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds one {@link Genstore} bean from the {@code genstore.*} properties ({@link GenstoreProperties}) and exposes each
 * of its services as a bean. The storage comes from {@code genstore.backend}: SQLite at {@code genstore.sqlite.path}
 * (the default), PostgreSQL at {@code genstore.postgres.url} or on the application's own {@code DataSource}, or
 * memory. With Micrometer and a {@code MeterRegistry} bean, genstore's meters go to that registry; with Actuator,
 * a {@code genstore} health indicator and info contributor are added. Every bean backs off when the application
 * defines its own of that type; {@link GenstoreBuilderCustomizer} beans adjust the builder.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(Genstore.class)
@EnableConfigurationProperties(GenstoreProperties.class)
public class GenstoreAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(GenstoreAutoConfiguration.class);

    /** The store; closed (housekeeping stopped, pools released) when the application context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Genstore genstore(GenstoreProperties properties, ObjectProvider<Storage> storage,
                             ObjectProvider<StoreMetrics> metrics, ObjectProvider<GenstoreBuilderCustomizer> customizers) {
        Storage chosen = storage.getIfAvailable();
        if (chosen == null) {
            throw new InvalidInputException("genstore.backend", "=" + properties.getBackend().name().toLowerCase(java.util.Locale.ROOT)
                    + " needs its module on the class path: genstore-storage-"
                    + properties.getBackend().name().toLowerCase(java.util.Locale.ROOT)
                    + (properties.getBackend() == GenstoreProperties.Backend.POSTGRES
                    ? ", and genstore.postgres.url or a DataSource bean" : ""));
        }
        Genstore.Builder builder = Genstore.builder().storage(chosen)
                .slowOperationThreshold(properties.getSlowOperationThreshold())
                .housekeeping(housekeeping(properties.getHousekeeping()));
        if (properties.getBlobs().getDirectory() != null) {
            builder.blobStore(BlobStore.directory(properties.getBlobs().getDirectory()));
        }
        metrics.ifAvailable(builder::metrics);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static HousekeepingPolicy housekeeping(GenstoreProperties.Housekeeping settings) {
        if (!settings.isEnabled()) {
            return HousekeepingPolicy.OFF;
        }
        return HousekeepingPolicy.OFF.every(HousekeepingTask.PURGE, settings.getPurgeInterval())
                .every(HousekeepingTask.LEASE_RECOVERY, settings.getLeaseRecoveryInterval())
                .every(HousekeepingTask.MAINTENANCE, settings.getMaintenanceInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    public Accounts genstoreAccounts(Genstore genstore) {
        return genstore.accounts();
    }

    @Bean
    @ConditionalOnMissingBean
    public OneTimePasswords genstoreOneTimePasswords(Genstore genstore) {
        return genstore.otp();
    }

    @Bean
    @ConditionalOnMissingBean
    public Ledger genstoreLedger(Genstore genstore) {
        return genstore.ledger();
    }

    @Bean
    @ConditionalOnMissingBean
    public Jobs genstoreJobs(Genstore genstore) {
        return genstore.jobs();
    }

    @Bean
    @ConditionalOnMissingBean
    public JobQueue genstoreJobQueue(Genstore genstore) {
        return genstore.queue();
    }

    @Bean
    @ConditionalOnMissingBean
    public Images genstoreImages(Genstore genstore) {
        return genstore.images();
    }

    @Bean
    @ConditionalOnMissingBean
    public Budgets genstoreBudgets(Genstore genstore) {
        return genstore.budgets();
    }

    @Bean
    @ConditionalOnMissingBean
    public Prompts genstorePrompts(Genstore genstore) {
        return genstore.prompts();
    }

    @Bean
    @ConditionalOnMissingBean
    public QualityAssurance genstoreQualityAssurance(Genstore genstore) {
        return genstore.qa();
    }

    @Bean
    @ConditionalOnMissingBean
    public ImageCache genstoreImageCache(Genstore genstore) {
        return genstore.cache();
    }

    /** The store's blob store; not closed by Spring (the store owns it). */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public BlobStore genstoreBlobStore(Genstore genstore) {
        return genstore.blobs();
    }

    /**
     * Signs and checks expiring links to blobs, on the store's clock, with {@code genstore.blobs.url-secret}; without
     * it, with a random secret made at start (logged at WARN: links then die with the process and do not work on
     * another instance).
     */
    @Bean
    @ConditionalOnMissingBean
    public BlobUrlSigner genstoreBlobUrlSigner(Genstore genstore, GenstoreProperties properties) {
        String secret = properties.getBlobs().getUrlSecret();
        if (secret == null || secret.isEmpty()) {
            LOG.warn("genstore.blobs.url-secret is not set: signed blob links use a random secret and stop working "
                    + "when the application restarts, and on its other instances");
            byte[] random = new byte[BlobUrlSigner.MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return BlobUrlSigner.withSecret(random, genstore.clock());
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < BlobUrlSigner.MIN_SECRET_BYTES) {
            throw new InvalidInputException("genstore.blobs.url-secret", "must be at least " + BlobUrlSigner.MIN_SECRET_BYTES
                    + " bytes (e.g. the output of `openssl rand -base64 32`), was " + bytes.length);
        }
        return BlobUrlSigner.withSecret(bytes, genstore.clock());
    }

    @Bean
    @ConditionalOnMissingBean
    public Operations genstoreOperations(Genstore genstore) {
        return genstore.operations();
    }

    @Bean
    @ConditionalOnMissingBean
    public Housekeeper genstoreHousekeeper(Genstore genstore) {
        return genstore.housekeeping();
    }

    /** SQLite, the default backend. The store closes its storage: Spring must not close it again. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "genstore.backend", havingValue = "sqlite", matchIfMissing = true)
    @ConditionalOnClass(SqliteStorage.class)
    static class SqliteStorageConfiguration {
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        Storage genstoreStorage(GenstoreProperties properties) {
            Path path = properties.getSqlite().getPath().toAbsolutePath();
            try {
                Files.createDirectories(path.getParent());
            } catch (IOException e) {
                throw new StorageException("cannot create the directory of genstore.sqlite.path " + path + ": " + e, false, e);
            }
            GenstoreProperties.Sqlite sqlite = properties.getSqlite();
            SqliteStorage storage = SqliteStorage.file(path);
            if (sqlite.getPageCache() != null) {
                storage = storage.pageCache(sqlite.getPageCache().toBytes());
            }
            if (sqlite.getReaders() != null) {
                storage = storage.readers(sqlite.getReaders());
            }
            if (sqlite.getBusyTimeout() != null) {
                storage = storage.busyTimeout(sqlite.getBusyTimeout());
            }
            return storage;
        }
    }

    /** PostgreSQL at {@code genstore.postgres.url}, or else on the application's DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "genstore.backend", havingValue = "postgres")
    @ConditionalOnClass(PostgresStorage.class)
    static class PostgresStorageConfiguration {
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        Storage genstoreStorage(GenstoreProperties properties, ObjectProvider<DataSource> dataSource) {
            GenstoreProperties.Postgres settings = properties.getPostgres();
            if (settings.getUrl() != null && !settings.getUrl().isBlank()) {
                PostgresStorage storage = settings.getUsername() == null
                        ? PostgresStorage.of(settings.getUrl())
                        : PostgresStorage.of(settings.getUrl(), settings.getUsername(), settings.getPassword());
                return storage.poolSize(settings.getPoolSize());
            }
            DataSource shared = dataSource.getIfUnique();
            if (shared == null) {
                throw new InvalidInputException("genstore.postgres.url",
                        "is not set and there is not one DataSource bean: genstore.backend=postgres needs genstore.postgres.url or one DataSource bean");
            }
            return PostgresStorage.of(shared);
        }
    }

    /** H2 in memory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "genstore.backend", havingValue = "memory")
    @ConditionalOnClass(MemoryStorage.class)
    static class MemoryStorageConfiguration {
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        Storage genstoreStorage() {
            return MemoryStorage.create();
        }
    }

    /** genstore's meters in the application's registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(name = "genstore.metrics.enabled", havingValue = "true", matchIfMissing = true)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        StoreMetrics genstoreMetrics(MeterRegistry registry) {
            return MicrometerMetrics.of(registry);
        }
    }

    /** Actuator's {@code genstore} health indicator and info contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class ActuatorConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "genstoreHealthIndicator")
        HealthIndicator genstoreHealthIndicator(Genstore genstore) {
            return new GenstoreHealthIndicator(genstore);
        }

        @Bean
        @ConditionalOnMissingBean(name = "genstoreInfoContributor")
        InfoContributor genstoreInfoContributor(Genstore genstore) {
            return new GenstoreInfoContributor(genstore);
        }
    }
}
