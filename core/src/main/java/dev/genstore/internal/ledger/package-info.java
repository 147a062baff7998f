/**
 * Token accounts: debits, credits, holds and their settlement, the ledger's verification and its operator view. Not
 * API.
 */
package dev.genstore.internal.ledger;
