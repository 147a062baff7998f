/**
 * Export, import and copy-and-verify of a whole store, and the export's file format. Not API.
 */
package dev.genstore.internal.transfer;
