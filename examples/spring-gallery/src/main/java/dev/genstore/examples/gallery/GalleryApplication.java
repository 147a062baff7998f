package dev.genstore.examples.gallery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small image gallery over HTTP on genstore's Spring Boot starter, after seed 004's flow: sign in with a one-time
 * code, generate (or upload) an image for tokens, list the gallery, hand out a signed link. Embedded SQLite by default.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GalleryApplication {
    public static void main(String[] args) {
        SpringApplication.run(GalleryApplication.class, args);
    }
}
