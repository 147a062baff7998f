/** Helpers for applications' own tests: a settable clock, memory stores, fixtures, the JUnit 5 extension. */
module dev.genstore.testkit {
    requires transitive dev.genstore.memory;
    requires java.desktop;
    requires static transitive org.junit.jupiter.api;

    exports dev.genstore.testkit;
}
