/** Keyset pagination shared by every listing: {@link dev.genstore.paging.PageRequest} in, {@link dev.genstore.paging.Page} out. */
package dev.genstore.paging;
