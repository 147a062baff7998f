/**
 * Generated and uploaded images: their status and QC status, generation details, processing settings, metadata and
 * tags, the stored original with its size variants (thumbnail, web, print), listings, statistics, and the sweep that
 * keeps rows and blobs in agreement. {@link dev.genstore.images.Images} is the service.
 */
package dev.genstore.images;
