package dev.genstore.s3;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class S3ModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(S3BlobStore.class, "dev.genstore.s3", Set.of("dev.genstore.s3"));
    }
}
