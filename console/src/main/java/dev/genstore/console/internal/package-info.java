/** The console's implementation: its HTTP server, pages and escaping; not an API. */
package dev.genstore.console.internal;
