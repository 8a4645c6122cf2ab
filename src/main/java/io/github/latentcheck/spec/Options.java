package io.github.latentcheck.spec;

import io.github.latentcheck.InvalidInputException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one spec section (a prior, the generator, a check): typed getters over a YAML map
 * that remember which keys were read, so that {@link #rejectUnknownKeys()} can name a misspelt key
 * with its line. Providers of priors, generators and checks read their options through this class,
 * and the runner calls {@link #rejectUnknownKeys()} once they have been created.
 */
public final class Options {
    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h)?");
    private final SpecNode map;
    private final String section;
    private final Path baseDirectory;
    private final Set<String> read = new LinkedHashSet<>();

    private Options(SpecNode map, String section, Path baseDirectory) {
        this.map = map;
        this.section = section;
        this.baseDirectory = baseDirectory;
    }

    /**
     * @param map a map node
     * @param section what the map is, for messages, e.g. {@code "checks[2]"}
     * @param baseDirectory the folder that relative paths are resolved against
     * @return the options
     */
    public static Options of(SpecNode map, String section, Path baseDirectory) {
        if (map.kind() != SpecNode.Kind.MAP) {
            throw new InvalidInputException(map.where() + ": " + section + " is not a map of options");
        }
        return new Options(map, section, baseDirectory);
    }

    /**
     * @param values keys to plain values (numbers, strings, lists)
     * @param section what the options are, for messages
     * @return the options, with relative paths resolved against the working directory
     */
    public static Options of(Map<String, ?> values, String section) {
        return new Options(SpecNode.fromValue(values, section), section, Path.of(""));
    }

    /** @return what these options are, e.g. {@code "generator"} */
    public String section() {
        return section;
    }

    /** @return where the section starts, {@code "file.yaml:12"} */
    public String where() {
        return map.where();
    }

    /**
     * @param key a key
     * @return where the key stands, {@code "file.yaml:12"}
     */
    public String where(String key) {
        return map.whereKey(key);
    }

    /**
     * @param key a key
     * @return whether the key is present (reading it counts as reading it)
     */
    public boolean has(String key) {
        read.add(key);
        return map.entries().containsKey(key);
    }

    /**
     * @param key a key
     * @return whether the key is present with a single value (a string or a number) rather than a list or
     *     a map, as when a parameter is given as a file path instead of inline (reading it counts as reading it)
     */
    public boolean isSingleValue(String key) {
        SpecNode node = node(key);
        return node != null && node.kind() == SpecNode.Kind.SCALAR && node.scalar() != null;
    }

    private SpecNode node(String key) {
        read.add(key);
        return map.entries().get(key);
    }

    /** @param key a key, or an item of a key's list such as {@code drop[2]}, which stands on the key's line */
    private InvalidInputException bad(String key, String rule, Object value) {
        int item = key.indexOf('[');
        String where = where(item < 0 ? key : key.substring(0, item));
        return new InvalidInputException(where + ": " + section + "." + key + " " + rule + ": " + value);
    }

    private SpecNode require(String key) {
        SpecNode node = node(key);
        if (node == null || node.kind() == SpecNode.Kind.SCALAR && node.scalar() == null) {
            throw new InvalidInputException(where() + ": " + section + " is missing the key '" + key + "'");
        }
        return node;
    }

    /**
     * @param key a key whose value is a string (or a scalar written as one)
     * @return the value
     */
    public String requireString(String key) {
        SpecNode node = require(key);
        if (node.kind() != SpecNode.Kind.SCALAR) {
            throw bad(key, "is not a single value", node.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return String.valueOf(node.scalar());
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent
     * @return the value as a string
     */
    public String string(String key, String fallback) {
        return has(key) ? requireString(key) : fallback;
    }

    /**
     * @param key a key whose value is a finite number
     * @return the value
     */
    public double requireNumber(String key) {
        SpecNode node = require(key);
        Object value = node.scalar();
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            throw bad(key, "is not a number", value == null ? node.kind() : "'" + value + "'");
        }
        if (!Double.isFinite(v)) {
            throw bad(key, "is not finite", v);
        }
        return v;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent
     * @return the value
     */
    public double number(String key, double fallback) {
        return has(key) ? requireNumber(key) : fallback;
    }

    /**
     * @param key a key whose value is a whole number
     * @return the value
     */
    public long requireLong(String key) {
        SpecNode node = require(key);
        Object value = node.scalar();
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw bad(key, "is not a whole number", value == null ? node.kind() : "'" + value + "'");
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent
     * @return the value
     */
    public long longValue(String key, long fallback) {
        return has(key) ? requireLong(key) : fallback;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent
     * @param min the smallest allowed value
     * @return the value, an int in [min, Integer.MAX_VALUE]
     */
    public int integer(String key, int fallback, int min) {
        if (!has(key)) {
            return fallback;
        }
        long v = requireLong(key);
        if (v < min || v > Integer.MAX_VALUE) {
            throw bad(key, "is not a whole number in [" + min + ", " + Integer.MAX_VALUE + "]", v);
        }
        return (int) v;
    }

    /**
     * @param key a key
     * @param fallback the value when the key is absent
     * @return the value
     */
    public boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = require(key).scalar();
        if (value instanceof Boolean b) {
            return b;
        }
        throw bad(key, "is not true or false", "'" + value + "'");
    }

    /**
     * A length of time: a number of seconds ({@code 60}, {@code 0.5}) or a number with a unit,
     * {@code ms}, {@code s}, {@code m} or {@code h} ({@code "500ms"}, {@code "60s"}, {@code "2m"}).
     *
     * @param key a key
     * @param fallback the value when the key is absent
     * @return the duration, positive
     */
    public Duration duration(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object value = require(key).scalar();
        String text = String.valueOf(value).strip();
        Matcher m = DURATION.matcher(text);
        if (value instanceof Boolean || !m.matches()) {
            throw bad(key, "is not a duration such as 60s, 2m, 500ms or a number of seconds", "'" + value + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(switch (unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        }));
        if (nanos.signum() <= 0 || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw bad(key, "is not a positive duration of at most " + Long.MAX_VALUE + " ns", "'" + value + "'");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * @param key a key whose value is a list of numbers
     * @return the numbers; empty when the key is absent
     */
    public double[] numbers(String key) {
        SpecNode node = node(key);
        if (node == null) {
            return new double[0];
        }
        return numbersOf(key, node);
    }

    private double[] numbersOf(String key, SpecNode node) {
        if (node.kind() != SpecNode.Kind.LIST) {
            throw bad(key, "is not a list of numbers", node.kind() == SpecNode.Kind.SCALAR ? node.scalar() : node.kind());
        }
        double[] out = new double[node.items().size()];
        for (int i = 0; i < out.length; i++) {
            Object v = node.items().get(i).scalar();
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw bad(key + "[" + i + "]", "is not a finite number", v);
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    /**
     * @param key a key whose value is a list of rows, each a list of numbers of one length
     * @return the matrix, row by row
     */
    public double[][] matrix(String key) {
        SpecNode node = require(key);
        if (node.kind() != SpecNode.Kind.LIST || node.items().isEmpty()) {
            throw bad(key, "is not a non-empty list of rows", node.kind());
        }
        double[][] rows = new double[node.items().size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = numbersOf(key + "[" + i + "]", node.items().get(i));
            if (rows[i].length != rows[0].length || rows[i].length == 0) {
                throw bad(key + "[" + i + "]", "does not have the length of the first row, " + rows[0].length,
                        rows[i].length);
            }
        }
        return rows;
    }

    /**
     * @param key a key whose value is a list of whole numbers
     * @return the numbers; empty when the key is absent
     */
    public int[] integers(String key) {
        double[] values = numbers(key);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw bad(key + "[" + i + "]", "is not a whole number", values[i]);
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /**
     * @param key a key whose value is a string or a list of strings
     * @return the strings; empty when the key is absent
     */
    public List<String> strings(String key) {
        SpecNode node = node(key);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.kind() == SpecNode.Kind.SCALAR) {
            out.add(String.valueOf(node.scalar()));
        } else if (node.kind() == SpecNode.Kind.LIST) {
            for (SpecNode item : node.items()) {
                if (item.kind() != SpecNode.Kind.SCALAR) {
                    throw bad(key, "is not a list of strings", item.kind());
                }
                out.add(String.valueOf(item.scalar()));
            }
        } else {
            throw bad(key, "is not a string or a list of strings", node.kind());
        }
        return out;
    }

    /**
     * @param key a key whose value is a file path, relative to the spec's folder or absolute
     * @return the resolved path (whether it exists is for the reader to say)
     */
    public Path requirePath(String key) {
        return baseDirectory.resolve(requireString(key));
    }

    /**
     * @param key a key whose value is a map of options
     * @return the nested options
     */
    public Options child(String key) {
        SpecNode node = require(key);
        return of(node, section + "." + key, baseDirectory);
    }

    /**
     * Options that take {@code override}'s keys where it has them and these options' keys otherwise,
     * such as a prior's own {@code generator} map over the spec's {@code generator}. Keys keep their
     * lines; reading a key through the result does not mark it read here.
     *
     * @param override the options that win
     * @return the combined options, named after {@code override}'s section
     */
    public Options overlaidWith(Options override) {
        return new Options(SpecNode.overlay(map, override.map), override.section, override.baseDirectory);
    }

    /**
     * @param placeholder text such as {@code {latent_dim}}
     * @param value what replaces it
     * @return options in which every string value (in nested maps and lists too) has the placeholder
     *     replaced, keys keeping their lines; a fresh set of read keys
     */
    public Options replacing(String placeholder, String value) {
        return new Options(map.replacing(placeholder, value), section, baseDirectory);
    }

    /** @return the folder that relative paths are resolved against */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * Refuses keys that no getter has read: they are misspellings or options of another type.
     *
     * @throws InvalidInputException naming the first unknown key, its line and the keys that were read
     */
    public void rejectUnknownKeys() {
        for (String key : map.entries().keySet()) {
            if (!read.contains(key)) {
                throw new InvalidInputException(where(key) + ": unknown key '" + key + "' in " + section
                        + " (known keys: " + String.join(", ", read) + ")");
            }
        }
    }
}
