/** Users: email, display name, language, roles and external identities (provider + subject). */
package dev.genstore.accounts;
