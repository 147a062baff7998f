/**
 * Prompts: recording, search terms, statistics and thumbnails. Not API.
 */
package dev.genstore.internal.prompts;
