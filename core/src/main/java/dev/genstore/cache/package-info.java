/** The generated-image cache: entries keyed by configuration hash, regeneration detection, bounds and statistics. */
package dev.genstore.cache;
