/** Job configurations, generation jobs with their state machine, the durable queue, history and statistics. */
package dev.genstore.jobs;
