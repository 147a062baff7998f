/**
 * Sign-in codes: issuing and verifying one-time passwords, and the per-email limits on both. Not API.
 */
package dev.genstore.internal.auth;
