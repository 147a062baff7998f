/** genstore on SQLite: {@code SqliteStorage} and {@code SqliteBackup}; the dialect stays internal. */
module dev.genstore.sqlite {
    requires transitive dev.genstore.jdbc;
    requires com.zaxxer.hikari;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports dev.genstore.sqlite;
}
