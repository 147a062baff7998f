/**
 * The exceptions genstore throws: all unchecked, under {@link dev.genstore.errors.GenstoreException}. They live apart
 * from the entry point so that every area can throw them without a package cycle.
 */
package dev.genstore.errors;
