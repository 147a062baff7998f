/**
 * The image cache: lookups, the access buffer, puts with eviction (time to live, least recently used) and
 * invalidation. Not API.
 */
package dev.genstore.internal.cache;
