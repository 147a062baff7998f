package dev.genstore.internal.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Says so, once per JVM on standard error, when genstore's slow-operation log cannot work because the application's
 * class path resolved {@code slf4j-api} 1.7 (e.g. dragged in by a test dependency) instead of the 2.0.x genstore needs:
 * 1.7 does not find SLF4J 2 providers ({@code slf4j-simple} 2.x, {@code logback-classic} 1.3+) and falls back to a
 * logger that drops everything. Standard error because the logging that would carry the warning is what is off.
 */
final class Slf4jCheck {
    /** A type only SLF4J 2 has: its provider mechanism. */
    static final String SLF4J2_PROVIDER_TYPE = "org.slf4j.spi.SLF4JServiceProvider";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Slf4jCheck() {
    }

    /** Prints the warning the first time it is called in a JVM whose SLF4J is 1.x with no working binding. */
    static void warnOnceIfSlowLogIsOff(String slowLogger) {
        if (WARNED.get() || !slowLogIsOff()) {
            return;
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("genstore: WARNING: slf4j-api " + apiVersion() + " is on the class path, but genstore needs"
                    + " SLF4J 2.0.x; SLF4J 1.x found no binding, so genstore's slow-operation log (logger " + slowLogger
                    + ") is off. Depend on org.slf4j:slf4j-api 2.0.x (e.g. 2.0.20) and a 2.x binding such as"
                    + " org.slf4j:slf4j-simple 2.0.x or ch.qos.logback:logback-classic 1.3+ (mvn dependency:tree shows"
                    + " which dependency brings slf4j-api 1.x).");
        }
    }

    private static boolean slowLogIsOff() {
        return !slf4j2() && LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
    }

    private static boolean slf4j2() {
        try {
            Class.forName(SLF4J2_PROVIDER_TYPE, false, LoggerFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String apiVersion() {
        String version = LoggerFactory.class.getPackage().getImplementationVersion();
        return version == null ? "1.x" : version;
    }
}
