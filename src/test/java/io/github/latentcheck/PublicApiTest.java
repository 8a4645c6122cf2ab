package io.github.latentcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the API: every public type outside {@code io.github.latentcheck.internal} (public itself and in
 * public enclosing types) with its public and protected members, against
 * {@code src/test/resources/public-api.txt}. A change of the API is then a change of that file, made on
 * purpose and seen in review; {@code target/public-api.txt} holds the current list to copy from.
 */
class PublicApiTest {
    private static final String BASE = "io.github.latentcheck";

    @Test
    void thePublicApiIsTheListedOne() throws IOException, URISyntaxException {
        List<String> actual = api();
        Files.write(Path.of("target", "public-api.txt"), actual, StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(Path.of("src", "test", "resources", "public-api.txt"),
                StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        List<String> added = actual.stream().filter(l -> !expected.contains(l)).toList();
        List<String> removed = expected.stream().filter(l -> !actual.contains(l)).toList();
        assertThat(added).as("public API not in src/test/resources/public-api.txt (see target/public-api.txt)")
                .isEmpty();
        assertThat(removed).as("API in src/test/resources/public-api.txt that is gone (see target/public-api.txt)")
                .isEmpty();
    }

    /**
     * STYLE.md: API types are made by factories. Constructors stay for records (their canonical one),
     * exceptions, service providers (ServiceLoader needs a public one without parameters) and AssertJ's
     * assert classes (protected, for subclasses).
     */
    @Test
    void apiTypesHaveNoPublicConstructorsButRecordsExceptionsProvidersAndAsserts()
            throws IOException, URISyntaxException {
        assertThat(api()).filteredOn(l -> l.contains(" constructor "))
                .allMatch(PublicApiTest::mayHaveConstructors, "a record, an exception, a provider or an assert class");
    }

    private static boolean mayHaveConstructors(String line) {
        String name = line.substring(0, line.indexOf(' '));
        return load(name).isRecord() || name.matches(".*(Exception|Provider|Assert)");
    }

    /** @return one line per API type ({@code type …}) and one per member ({@code Type member …}), sorted */
    static List<String> api() throws IOException, URISyntaxException {
        Path classes = Path.of(InvalidInputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.startsWith(BASE + ".internal.")) {
                    continue;
                }
                Class<?> type = load(name);
                if (isApi(type)) {
                    lines.add(type.getName() + " " + kind(type) + supertypes(type));
                    members(type).forEach(m -> lines.add(type.getName() + " " + m));
                }
            }
        }
        return lines.stream().sorted().toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a class file without its class: " + name, e);
        }
    }

    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String kind(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC);
        if (type.isInterface() || type.isEnum() || type.isRecord()) {
            modifiers &= Modifier.STATIC;
        }
        return (modifiers == 0 ? "" : Modifier.toString(modifiers) + " ") + kind;
    }

    private static String supertypes(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            names.add(type.getGenericSuperclass().getTypeName());
        }
        Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).forEach(names::add);
        return names.isEmpty() ? "" : " : " + String.join(", ", names);
    }

    private static List<String> members(Class<?> type) {
        List<String> members = new ArrayList<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c) && !type.isEnum()) {
                members.add("constructor " + type.getSimpleName() + parameters(c));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isBridge()) {
                members.add("method " + (Modifier.isStatic(m.getModifiers()) ? "static " : "")
                        + m.getGenericReturnType().getTypeName() + " " + m.getName() + parameters(m));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                members.add("field " + (Modifier.isStatic(f.getModifiers()) ? "static " : "")
                        + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        return members.stream().sorted().collect(Collectors.toList());
    }

    private static boolean visible(Member member) {
        int m = member.getModifiers();
        boolean open = !Modifier.isFinal(member.getDeclaringClass().getModifiers());
        return !member.isSynthetic() && (Modifier.isPublic(m) || Modifier.isProtected(m) && open);
    }

    private static String parameters(Executable e) {
        return Arrays.stream(e.getGenericParameterTypes()).map(java.lang.reflect.Type::getTypeName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
