/**
 * Spring Boot 3 auto-configuration for genstore: add {@code dev.genstore:genstore-spring-boot-starter}, set
 * {@code genstore.*} properties ({@link dev.genstore.spring.boot.GenstoreProperties}), and inject
 * {@link dev.genstore.Genstore} or any of its services.
 */
package dev.genstore.spring.boot;
