/**
 * Users' rules (names, roles, identities, deletion with everything a user owns). Not API.
 */
package dev.genstore.internal.accounts;
