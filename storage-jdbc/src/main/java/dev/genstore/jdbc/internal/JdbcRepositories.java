package dev.genstore.jdbc.internal;

import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.BlobRepository;
import dev.genstore.spi.BudgetRepository;
import dev.genstore.spi.CacheRepository;
import dev.genstore.spi.ImageRepository;
import dev.genstore.spi.JobRepository;
import dev.genstore.spi.LedgerRepository;
import dev.genstore.spi.OperationsRepository;
import dev.genstore.spi.OtpRepository;
import dev.genstore.spi.PromptRepository;
import dev.genstore.spi.QaRepository;
import dev.genstore.spi.Repositories;
import dev.genstore.spi.TableRepository;
import dev.genstore.spi.UserRepository;
import org.jdbi.v3.core.Handle;

/** The repositories of one transaction's handle, made on first use. */
public final class JdbcRepositories implements Repositories {
    private final Handle handle;
    private final Dialect dialect;
    private UserRepository users;
    private OtpRepository otp;
    private LedgerRepository ledger;
    private JobRepository jobs;
    private ImageRepository images;
    private BlobRepository blobs;
    private BudgetRepository budgets;
    private PromptRepository prompts;
    private QaRepository qa;
    private CacheRepository cache;
    private TableRepository tables;
    private OperationsRepository operations;

    public JdbcRepositories(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public UserRepository users() {
        if (users == null) {
            users = new JdbcUserRepository(handle, dialect);
        }
        return users;
    }

    @Override
    public OtpRepository otp() {
        if (otp == null) {
            otp = new JdbcOtpRepository(handle, dialect);
        }
        return otp;
    }

    @Override
    public LedgerRepository ledger() {
        if (ledger == null) {
            ledger = new JdbcLedgerRepository(handle, dialect);
        }
        return ledger;
    }

    @Override
    public JobRepository jobs() {
        if (jobs == null) {
            jobs = new JdbcJobRepository(handle, dialect);
        }
        return jobs;
    }

    @Override
    public ImageRepository images() {
        if (images == null) {
            images = new JdbcImageRepository(handle, dialect);
        }
        return images;
    }

    @Override
    public BlobRepository blobs() {
        if (blobs == null) {
            blobs = new JdbcBlobRepository(handle, dialect);
        }
        return blobs;
    }

    @Override
    public BudgetRepository budgets() {
        if (budgets == null) {
            budgets = new JdbcBudgetRepository(handle, dialect);
        }
        return budgets;
    }

    @Override
    public PromptRepository prompts() {
        if (prompts == null) {
            prompts = new JdbcPromptRepository(handle, dialect);
        }
        return prompts;
    }

    @Override
    public QaRepository qa() {
        if (qa == null) {
            qa = new JdbcQaRepository(handle, dialect);
        }
        return qa;
    }

    @Override
    public CacheRepository cache() {
        if (cache == null) {
            cache = new JdbcCacheRepository(handle, dialect);
        }
        return cache;
    }

    @Override
    public TableRepository tables() {
        if (tables == null) {
            tables = new JdbcTableRepository(handle, dialect);
        }
        return tables;
    }

    @Override
    public OperationsRepository operations() {
        if (operations == null) {
            operations = new JdbcOperationsRepository(handle, dialect);
        }
        return operations;
    }
}
