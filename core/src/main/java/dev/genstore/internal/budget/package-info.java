/**
 * Spending budgets: limits per period, reservations, recorded spend and alerts. Not API.
 */
package dev.genstore.internal.budget;
