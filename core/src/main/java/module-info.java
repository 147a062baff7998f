/**
 * genstore's API: the entry point {@code dev.genstore.Genstore}, one package per area (records, service interfaces,
 * exceptions), the {@code errors} and {@code paging} packages, and the storage SPI ({@code dev.genstore.spi}) that a
 * backend implements. The services' rules ({@code dev.genstore.internal}, shared helpers, and one sub-package per area:
 * {@code internal.accounts}, {@code internal.images}, {@code internal.jobs}, …) are not exported.
 */
module dev.genstore.core {
    requires com.fasterxml.jackson.databind;
    requires java.desktop;
    requires net.coobird.thumbnailator;
    // webp-imageio carries neither module-info nor Automatic-Module-Name: its module name comes from the jar's file name
    // (webp-imageio-<version>.jar -> webp.imageio). The least bad option: a genstore module needs its WebP reader and
    // writer by class; on the class path nothing changes.
    requires webp.imageio;
    requires org.slf4j;
    // MicrometerMetrics (an exported class) implements StoreMetrics on a MeterRegistry; Micrometer stays optional, so
    // an application that uses MicrometerMetrics requires micrometer.core itself.
    requires static micrometer.core;

    exports dev.genstore;
    exports dev.genstore.accounts;
    exports dev.genstore.auth;
    exports dev.genstore.blobs;
    exports dev.genstore.budget;
    exports dev.genstore.cache;
    exports dev.genstore.errors;
    exports dev.genstore.images;
    exports dev.genstore.jobs;
    exports dev.genstore.ledger;
    exports dev.genstore.metrics;
    exports dev.genstore.ops;
    exports dev.genstore.paging;
    exports dev.genstore.prompts;
    exports dev.genstore.qa;
    exports dev.genstore.spi;
    exports dev.genstore.transfer;

    // Jackson reads and writes the export manifest (an exported record) and the export's private line records.
    opens dev.genstore.transfer to com.fasterxml.jackson.databind;
    opens dev.genstore.internal.transfer to com.fasterxml.jackson.databind;
}
