/** The H2 dialect. Not API. */
package dev.genstore.memory.internal;
