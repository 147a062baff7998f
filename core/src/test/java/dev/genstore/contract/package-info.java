/**
 * genstore's contract suite: what every {@link dev.genstore.spi.Storage} must do, written against the public API and
 * shipped in genstore-core's test-jar. A backend extends each {@code *Contract} class once, implementing only
 * {@link dev.genstore.contract.StoreContract#newStorage()}; see {@link dev.genstore.contract.StoreContract}.
 */
package dev.genstore.contract;
