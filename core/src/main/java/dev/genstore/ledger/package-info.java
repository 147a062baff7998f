/** Token accounts, the idempotent ledger with balance-after, holds, and the ledger check. */
package dev.genstore.ledger;
