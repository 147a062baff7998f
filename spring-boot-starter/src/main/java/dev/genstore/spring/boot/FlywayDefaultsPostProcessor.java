package dev.genstore.spring.boot;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Spring Boot's own Flyway auto-configuration off by default ({@code spring.flyway.enabled=false}, at the lowest
 * precedence, so an application that sets the property keeps its value). genstore brings Flyway 13 and migrates its
 * schema itself when the store opens; Spring Boot 3.5's Flyway auto-configuration calls methods Flyway 13 no longer
 * has and would stop the application from starting as soon as a {@code DataSource} exists.
 */
public class FlywayDefaultsPostProcessor implements EnvironmentPostProcessor {
    /** The name of the property source this adds. */
    public static final String SOURCE = "genstoreDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("spring.flyway.enabled", "false")));
    }
}
