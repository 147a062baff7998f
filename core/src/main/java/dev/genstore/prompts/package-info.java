/** The prompt library: normalization and hash identity, usage counts per model, full-text search, listings, statistics and cleanup. */
package dev.genstore.prompts;
