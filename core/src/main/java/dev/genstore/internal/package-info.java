/**
 * genstore's implementation of its services, one sub-package per area; this package holds what several areas share
 * (the service context, validation, cursors and pages, JSON values, ids, blob keys and the blob-with-its-row protocol).
 * Not API: anything here may change in any release without notice.
 */
package dev.genstore.internal;
