/**
 * genstore's contract suite: what every {@link dev.genstore.spi.Storage} must do, written against the public API and
 * shipped in genstore-core's test-jar. A backend extends each {@code *Contract} class once (as a {@code @Nested} class
 * of its suite class; {@link dev.genstore.contract.ContractCoverage} checks none is left out), implementing only
 * {@link dev.genstore.contract.StoreContract#newStorage()}; see {@link dev.genstore.contract.StoreContract}.
 */
package dev.genstore.contract;
