/** One-time-password challenges: hashed codes, expiry, attempt limits, single use. */
package dev.genstore.auth;
