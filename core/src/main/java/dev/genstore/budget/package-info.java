/** Provider spend records, daily and monthly limits on calendar periods, threshold alerts, and reservations that enforce hard limits before a provider is called. */
package dev.genstore.budget;
