/**
 * Quality checks: their state machine and what a failed check regenerates or drops. Not API.
 */
package dev.genstore.internal.qa;
