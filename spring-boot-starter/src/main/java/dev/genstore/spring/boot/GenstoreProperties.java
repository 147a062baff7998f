package dev.genstore.spring.boot;

import dev.genstore.Genstore;
import dev.genstore.ops.HousekeepingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code genstore.*} properties the auto-configuration builds its {@link Genstore} from.
 *
 * <pre>
 * genstore.backend=sqlite                 # sqlite (default), postgres or memory
 * genstore.sqlite.path=data/genstore.db
 * genstore.postgres.url=                  # empty: the application's own DataSource
 * genstore.blobs.directory=               # empty: the backend's default blob store
 * genstore.blobs.url-secret=              # signs blob links (BlobUrlSigner); empty: random per start
 * genstore.housekeeping.enabled=true
 * genstore.slow-operation-threshold=200ms
 * </pre>
 */
@ConfigurationProperties(prefix = "genstore")
public class GenstoreProperties {

    /** Which backend holds the data. */
    public enum Backend {
        /** Embedded SQLite in one file ({@code genstore.sqlite.path}). */
        SQLITE,
        /** PostgreSQL: {@code genstore.postgres.url}, or the application's {@code DataSource} bean. */
        POSTGRES,
        /** H2 in memory: gone when the application stops; for tests and prototypes. */
        MEMORY
    }

    /** Which backend holds the data: sqlite (default), postgres or memory. */
    private Backend backend = Backend.SQLITE;

    /** Operations slower than this are logged at WARN to the logger dev.genstore.slow. */
    private Duration slowOperationThreshold = Genstore.DEFAULT_SLOW_OPERATION_THRESHOLD;

    private final Sqlite sqlite = new Sqlite();
    private final Postgres postgres = new Postgres();
    private final Blobs blobs = new Blobs();
    private final Housekeeping housekeeping = new Housekeeping();
    private final Metrics metrics = new Metrics();

    public Backend getBackend() {
        return backend;
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    public Duration getSlowOperationThreshold() {
        return slowOperationThreshold;
    }

    public void setSlowOperationThreshold(Duration slowOperationThreshold) {
        this.slowOperationThreshold = slowOperationThreshold;
    }

    public Sqlite getSqlite() {
        return sqlite;
    }

    public Postgres getPostgres() {
        return postgres;
    }

    public Blobs getBlobs() {
        return blobs;
    }

    public Housekeeping getHousekeeping() {
        return housekeeping;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /** The SQLite backend's settings. */
    public static class Sqlite {
        /** The database file; created with its directory when absent. */
        private Path path = Path.of("genstore.db");
        /** SQLite's page cache per connection (e.g. 64MB); empty for genstore's default, 32 MiB. */
        private DataSize pageCache;
        /** Read-only connections serving reads beside the writer; empty for genstore's default, 4. */
        private Integer readers;
        /** How long a statement waits for a lock another process holds; empty for genstore's default, 30 s. */
        private Duration busyTimeout;

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public DataSize getPageCache() {
            return pageCache;
        }

        public void setPageCache(DataSize pageCache) {
            this.pageCache = pageCache;
        }

        public Integer getReaders() {
            return readers;
        }

        public void setReaders(Integer readers) {
            this.readers = readers;
        }

        public Duration getBusyTimeout() {
            return busyTimeout;
        }

        public void setBusyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
        }
    }

    /** The PostgreSQL backend's settings. */
    public static class Postgres {
        /** A JDBC URL (credentials in it or below); empty to use the application's DataSource bean. */
        private String url;
        /** The user, when not in the URL. */
        private String username;
        /** The password, when not in the URL. */
        private String password;
        /** Connections of genstore's own pool (with a URL only; the application's DataSource has its own). */
        private int poolSize = 10;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }
    }

    /** Where image and cache bytes go. */
    public static class Blobs {
        /** A directory for blobs; empty for the backend's default (beside the SQLite file, or in the database). */
        private Path directory;
        /**
         * The secret that signs expiring blob links (the BlobUrlSigner bean): at least 32 bytes as UTF-8, e.g. the
         * output of {@code openssl rand -base64 32}. Empty: a random secret per start, so links stop working on a
         * restart and on other instances.
         */
        private String urlSecret;

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public String getUrlSecret() {
            return urlSecret;
        }

        public void setUrlSecret(String urlSecret) {
            this.urlSecret = urlSecret;
        }

        /** The secret, masked: it must not reach a log through this object. */
        @Override
        public String toString() {
            return "Blobs[directory=" + directory + ", urlSecret=" + (urlSecret == null ? "unset" : "******") + "]";
        }
    }

    /** The store's periodic tasks (see HousekeepingPolicy). */
    public static class Housekeeping {
        /** Run purge, expired-lease recovery and maintenance on a schedule. */
        private boolean enabled = false;
        /** How often expired codes, holds, reservations and cache entries are purged. */
        private Duration purgeInterval = HousekeepingPolicy.DEFAULT_PURGE_INTERVAL;
        /** How often jobs whose lease expired are recovered. */
        private Duration leaseRecoveryInterval = HousekeepingPolicy.DEFAULT_LEASE_RECOVERY_INTERVAL;
        /** How often the database's maintenance runs. */
        private Duration maintenanceInterval = HousekeepingPolicy.DEFAULT_MAINTENANCE_INTERVAL;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }

        public Duration getLeaseRecoveryInterval() {
            return leaseRecoveryInterval;
        }

        public void setLeaseRecoveryInterval(Duration leaseRecoveryInterval) {
            this.leaseRecoveryInterval = leaseRecoveryInterval;
        }

        public Duration getMaintenanceInterval() {
            return maintenanceInterval;
        }

        public void setMaintenanceInterval(Duration maintenanceInterval) {
            this.maintenanceInterval = maintenanceInterval;
        }
    }

    /** Micrometer binding. */
    public static class Metrics {
        /** Record genstore's meters in the application's MeterRegistry, when there is one. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
