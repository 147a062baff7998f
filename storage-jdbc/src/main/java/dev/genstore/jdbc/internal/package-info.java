/** The SQL repositories and migration wiring. Not API: may change in any release. */
package dev.genstore.jdbc.internal;
