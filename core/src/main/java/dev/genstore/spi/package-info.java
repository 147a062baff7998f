/**
 * The storage SPI: the one package a backend implements. {@link dev.genstore.spi.Storage} opens transactions and
 * hands out {@link dev.genstore.spi.Repositories}; services in genstore hold the business rules. genstore-storage-jdbc
 * implements it for every SQL database; prove any implementation with the contract suite in genstore-core's test-jar.
 */
package dev.genstore.spi;
