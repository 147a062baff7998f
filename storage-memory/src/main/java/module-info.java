/** genstore in memory (H2): {@code MemoryStorage}; the dialect stays internal. */
module dev.genstore.memory {
    requires transitive dev.genstore.jdbc;
    requires com.zaxxer.hikari;
    requires com.h2database;

    exports dev.genstore.memory;
}
