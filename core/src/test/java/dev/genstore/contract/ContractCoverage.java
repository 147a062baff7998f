package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Makes sure a backend runs every contract: finds the contract classes in this package (on the class path, from the
 * test-jar or from core's test classes) and compares them with the contracts the backend's suite classes run as
 * nested classes. A backend calls {@link #assertEveryContractRuns} from one test.
 */
public final class ContractCoverage {
    private static final String PACKAGE = ContractCoverage.class.getPackageName();

    private ContractCoverage() {
    }

    /** The contracts: abstract classes of this package named {@code *Contract} that hold or inherit a {@code @Test}. */
    public static Set<Class<?>> contracts() {
        Set<Class<?>> contracts = new HashSet<>();
        for (String name : classNames()) {
            Class<?> type = load(name);
            if (Modifier.isAbstract(type.getModifiers()) && type.getSimpleName().endsWith("Contract") && hasTests(type)) {
                contracts.add(type);
            }
        }
        return contracts;
    }

    /**
     * Fails unless every contract is extended by a nested class of one of {@code suites} (at any depth), or named in
     * {@code notRun} with the reason the backend cannot run it.
     */
    public static void assertEveryContractRuns(Map<Class<?>, String> notRun, Class<?>... suites) {
        Set<Class<?>> run = new HashSet<>();
        for (Class<?> suite : suites) {
            collectRun(suite, run);
        }
        Set<Class<?>> all = contracts();
        assertFalse(all.isEmpty(), "no contract class found on the class path");
        Set<String> missing = all.stream().filter(c -> !run.contains(c) && !notRun.containsKey(c))
                .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "contracts this backend does not run: add a @Nested subclass of each to "
                + Stream.of(suites).map(Class::getSimpleName).collect(Collectors.joining(" or ")));
        Set<String> runAnyway = notRun.keySet().stream().filter(run::contains).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), runAnyway, "listed as not run, but run: remove them from the list");
    }

    private static void collectRun(Class<?> suite, Set<Class<?>> run) {
        for (Class<?> nested : suite.getDeclaredClasses()) {
            for (Class<?> c = nested.getSuperclass(); c != null; c = c.getSuperclass()) {
                run.add(c);
            }
            collectRun(nested, run);
        }
    }

    private static boolean hasTests(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> classNames() {
        String path = PACKAGE.replace('.', '/');
        Set<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(ContractCoverage.class.getClassLoader().getResources(path))) {
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false); // a JarFile of its own, which closing cannot take from the class loader
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(path + "/") && n.endsWith(".class") && n.indexOf('/', path.length() + 1) < 0)
                                .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
                    }
                } else {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                                .forEach(n -> names.add(PACKAGE + "." + n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.removeIf(n -> n.contains("$"));
        return names;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContractCoverage.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
