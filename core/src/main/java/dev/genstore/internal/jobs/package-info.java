/**
 * Jobs and the queue: submission, the status machine, claims and leases, operator moves, queue gauges. Not API.
 */
package dev.genstore.internal.jobs;
