package dev.genstore.spring.boot;

import dev.genstore.Genstore;

/**
 * A bean of this type adjusts the builder of the auto-configured {@link Genstore} after the {@code genstore.*}
 * properties are applied: policies, a clock, anything the properties do not cover.
 */
@FunctionalInterface
public interface GenstoreBuilderCustomizer {
    /** Changes {@code builder}; called once, before the store opens. */
    void customize(Genstore.Builder builder);
}
