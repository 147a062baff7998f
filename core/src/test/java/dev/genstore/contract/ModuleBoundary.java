package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a built genstore module's boundary from its compiled {@code module-info}: the module found where a class of it
 * was loaded from (its {@code target/classes} or its jar), its name, and exactly which packages it exports; never an
 * {@code internal} one, and no qualified export.
 */
public final class ModuleBoundary {
    private ModuleBoundary() {
    }

    /** Fails unless the module that holds {@code member} is named {@code name} and exports exactly {@code exported}. */
    public static void assertExports(Class<?> member, String name, Set<String> exported) {
        ModuleDescriptor module = descriptorOf(member);
        assertEquals(name, module.name());
        Set<String> actual = module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(exported), actual, "the packages " + name + " exports");
        assertTrue(module.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified),
                "a qualified export: " + module.exports());
        assertTrue(actual.stream().noneMatch(p -> p.contains(".internal")), "an internal package is exported: " + actual);
    }

    private static ModuleDescriptor descriptorOf(Class<?> member) {
        Path location;
        try {
            location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertEquals(1, found.size(), "one module at " + location);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertTrue(!descriptor.isAutomatic(), location + " has no module-info: " + descriptor.name());
        return descriptor;
    }
}
