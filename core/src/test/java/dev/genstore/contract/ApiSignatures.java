package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API check ("API dump", as Kotlin's binary-compatibility-validator does it): lists the public and protected
 * signatures of a built module's exported packages (classes, their supertypes, constructors, methods and fields, with
 * generics) as sorted text, and compares them with the baseline committed as {@code api/<module>.api} in the module's
 * directory. A change fails with the lines removed and added; when it is intended, run the module's tests with
 * {@code -Dgenstore.api.update=true}, which rewrites the baseline, and commit it with the change (a removed or changed
 * line breaks applications, an added one does not).
 *
 * <p>Exported packages: those of the module's {@code module-info}, or every package without an {@code internal} segment
 * when the module has none.
 */
public final class ApiSignatures {
    /** The system property that rewrites the baseline instead of comparing with it. */
    public static final String UPDATE = "genstore.api.update";

    private ApiSignatures() {
    }

    /**
     * Fails unless the API of the module holding {@code member} equals its baseline {@code api/<name>.api} (or rewrites
     * the baseline when {@code -Dgenstore.api.update=true}).
     */
    public static void assertUnchanged(Class<?> member, String name) {
        Path location = locationOf(member);
        List<String> actual = dump(location, member.getClassLoader());
        Path baseline = moduleDirectory(location).resolve("api").resolve(name + ".api");
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(baseline.getParent());
                Files.write(baseline, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(baseline)) {
                fail("no API baseline " + baseline + ": run the tests with -D" + UPDATE + "=true and commit it");
            }
            List<String> expected = Files.readAllLines(baseline, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                fail("the public API of " + name + " changed (" + baseline + "):\n" + diff(expected, actual)
                        + "\nA removed or changed line breaks applications built against the earlier API. If the change is"
                        + " intended, rerun with -D" + UPDATE + "=true and commit the baseline.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signatures, sorted: one line per type, then one indented line per member, types in name order. */
    static List<String> dump(Path location, ClassLoader loader) {
        Set<String> packages = exportedPackages(location);
        List<String> lines = new ArrayList<>();
        for (String className : classNames(location)) {
            int dot = className.lastIndexOf('.');
            if (dot < 0 || !packages.contains(className.substring(0, dot))) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + className, e);
            }
            if (!visible(type)) {
                continue;
            }
            lines.add(header(type));
            TreeSet<String> members = new TreeSet<>();
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    members.add("  " + Modifier.toString(f.getModifiers()) + " " + f.getGenericType().getTypeName() + " "
                            + f.getName());
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    members.add("  " + executable(c, type));
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add("  " + executable(m, type));
                }
            }
            lines.addAll(members);
        }
        return lines;
    }

    private static String header(Class<?> type) {
        int modifiers = type.getModifiers() & ~Modifier.STATIC;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~Modifier.FINAL;
        } else {
            kind = "class";
        }
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers)).append(' ').append(kind).append(' ')
                .append(type.getName()).append(typeParameters(type.getTypeParameters()));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static String executable(Executable e, Class<?> type) {
        // toGenericString names the declaring class before the member; the type's header already says it.
        String text = e.toGenericString();
        return e instanceof Constructor ? text : text.replace(" " + type.getName() + "." + e.getName() + "(", " " + e.getName() + "(");
    }

    private static String typeParameters(java.lang.reflect.TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        return Arrays.stream(variables).map(v -> {
            Type[] bounds = v.getBounds();
            boolean plain = bounds.length == 1 && bounds[0] == Object.class;
            return plain ? v.getName() : v.getName() + " extends "
                    + Arrays.stream(bounds).map(Type::getTypeName).collect(Collectors.joining(" & "));
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    /** Public or protected, and so is every class it is nested in. */
    private static boolean visible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!visible(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Set<String> exportedPackages(Path location) {
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        if (found.size() == 1 && !found.iterator().next().descriptor().isAutomatic()) {
            return found.iterator().next().descriptor().exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
        }
        return classNames(location).stream().filter(n -> n.lastIndexOf('.') > 0)
                .map(n -> n.substring(0, n.lastIndexOf('.')))
                .filter(p -> !p.contains(".internal") && !p.endsWith(".internal"))
                .collect(Collectors.toSet());
    }

    /** The binary names of the classes at {@code location} (a directory of classes or a jar), sorted. */
    private static TreeSet<String> classNames(Path location) {
        TreeSet<String> names = new TreeSet<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(f -> f.toString().endsWith(".class")).map(f -> location.relativize(f).toString())
                            .forEach(f -> names.add(binaryName(f.replace(java.io.File.separatorChar, '/'))));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                            names.add(binaryName(entry));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.remove("module-info");
        names.removeIf(n -> n.endsWith(".package-info") || n.equals("package-info"));
        return names;
    }

    private static String binaryName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    private static Path locationOf(Class<?> member) {
        try {
            return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module's directory: above {@code target/classes} (or {@code target/x.jar}). */
    private static Path moduleDirectory(Path location) {
        Path target = location.getParent();
        if (target == null || !target.getFileName().toString().equals("target")) {
            throw new IllegalStateException("not a module's target directory: " + location);
        }
        return target.getParent();
    }

    private static String diff(List<String> expected, List<String> actual) {
        List<String> before = qualified(expected);
        List<String> after = qualified(actual);
        Set<String> beforeSet = new LinkedHashSet<>(before);
        Set<String> afterSet = new LinkedHashSet<>(after);
        StringBuilder out = new StringBuilder();
        before.stream().filter(l -> !afterSet.contains(l)).forEach(l -> out.append("- ").append(l).append('\n'));
        after.stream().filter(l -> !beforeSet.contains(l)).forEach(l -> out.append("+ ").append(l).append('\n'));
        return out.length() == 0 ? "(the same lines in another order)\n" : out.toString();
    }

    /** Each member line with its type's header after it, so that equal member lines of two types differ. */
    private static List<String> qualified(List<String> lines) {
        List<String> result = new ArrayList<>(lines.size());
        String header = "";
        for (String line : lines) {
            if (line.startsWith("  ")) {
                result.add(line.strip() + "    [in " + header + "]");
            } else {
                header = line;
                result.add(line);
            }
        }
        return result;
    }
}
