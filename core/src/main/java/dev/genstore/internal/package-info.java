/**
 * genstore's implementation of its services. Not API: anything here may change in any release without notice.
 */
package dev.genstore.internal;
