/**
 * genstore for an application's own tests ({@code genstore-testkit}, test scope): {@link dev.genstore.testkit.SettableClock}
 * to move time by hand, {@link dev.genstore.testkit.TestStores} for ready memory stores,
 * {@link dev.genstore.testkit.GenstoreExtension} (JUnit 5) for a fresh store per test, and
 * {@link dev.genstore.testkit.Fixtures}.
 */
package dev.genstore.testkit;
