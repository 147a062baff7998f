/**
 * Probing, decoding, resizing and encoding of images for genstore's image service. Not API: anything here may change
 * in any release without notice.
 */
package dev.genstore.internal.imaging;
