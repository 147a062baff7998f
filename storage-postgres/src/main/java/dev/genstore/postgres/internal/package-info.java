/** The PostgreSQL dialect. Not API. */
package dev.genstore.postgres.internal;
