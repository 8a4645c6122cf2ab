package io.github.latentcheck.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.github.latentcheck.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a parsed YAML document that remembers where it stood (source name and line), so that
 * every complaint about a spec can name the line at fault. Jackson's tree model drops locations,
 * so the tree is built here from Jackson's streaming YAML parser.
 */
public final class SpecNode {
    /** What a node holds. */
    public enum Kind {
        /** Keys to nodes, in document order. */
        MAP,
        /** A sequence of nodes. */
        LIST,
        /** A number, string, boolean or null. */
        SCALAR
    }

    private final Kind kind;
    private final String source;
    private final int line;
    private final Map<String, SpecNode> entries;
    private final Map<String, Integer> keyLines;
    private final List<SpecNode> items;
    private final Object scalar;

    private SpecNode(Kind kind, String source, int line, Map<String, SpecNode> entries,
            Map<String, Integer> keyLines, List<SpecNode> items, Object scalar) {
        this.kind = kind;
        this.source = source;
        this.line = line;
        this.entries = entries;
        this.keyLines = keyLines;
        this.items = items;
        this.scalar = scalar;
    }

    /**
     * Parses one YAML document.
     *
     * @param reader the YAML text
     * @param source the name used in messages, usually the file path
     * @return the root node
     * @throws InvalidInputException if the text is not YAML, holds duplicate keys or an alias
     *     ({@code *name}, which Jackson would read as the string "name"), or holds a second document
     *     after a {@code ---} (which would otherwise be ignored)
     */
    public static SpecNode parse(Reader reader, String source) {
        try (YAMLParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidInputException(source + ": is empty");
            }
            SpecNode root = read(parser, source);
            if (parser.nextToken() != null) {
                throw new InvalidInputException(source + ":" + parser.currentTokenLocation().getLineNr()
                        + ": a second YAML document (after '---'); a spec is one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ":" + at.getLineNr();
            throw new InvalidInputException(where + ": not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a node from plain Java values (maps, lists, strings, numbers, booleans), for options
     * that come from the command line or from code rather than from a file.
     *
     * @param value the value
     * @param source the name used in messages
     * @return the node
     */
    public static SpecNode fromValue(Object value, String source) {
        if (value instanceof Map<?, ?> map) {
            Map<String, SpecNode> entries = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                entries.put(String.valueOf(k), fromValue(v, source));
                lines.put(String.valueOf(k), 0);
            });
            return new SpecNode(Kind.MAP, source, 0, entries, lines, List.of(), null);
        }
        if (value instanceof List<?> list) {
            List<SpecNode> items = new ArrayList<>();
            list.forEach(v -> items.add(fromValue(v, source)));
            return new SpecNode(Kind.LIST, source, 0, Map.of(), Map.of(), items, null);
        }
        return new SpecNode(Kind.SCALAR, source, 0, Map.of(), Map.of(), List.of(), value);
    }

    /**
     * @param scalar a scalar list item such as {@code - gaussian}, shorthand for {@code {type: gaussian}}
     * @return a map node holding {@code type}, standing where the item stood
     */
    static SpecNode typeOnly(SpecNode scalar) {
        if (scalar.kind != Kind.SCALAR || scalar.scalar == null) {
            throw new InvalidInputException(scalar.where() + ": expected a type name or a map with 'type'");
        }
        return new SpecNode(Kind.MAP, scalar.source, scalar.line, Map.of("type", scalar),
                Map.of("type", scalar.line), List.of(), null);
    }

    /**
     * @param base a map
     * @param override a map whose entries replace or add to {@code base}'s
     * @return a map of both, each entry keeping the line it was written on; it stands where
     *     {@code override} stands
     */
    static SpecNode overlay(SpecNode base, SpecNode override) {
        Map<String, SpecNode> entries = new LinkedHashMap<>(base.entries);
        Map<String, Integer> lines = new LinkedHashMap<>(base.keyLines);
        entries.putAll(override.entries);
        lines.putAll(override.keyLines);
        return new SpecNode(Kind.MAP, override.source, override.line, Collections.unmodifiableMap(entries), lines,
                List.of(), null);
    }

    /**
     * @param placeholder text to replace in string scalars
     * @param value the replacement
     * @return a copy of this node with the placeholder replaced in every string scalar below it
     */
    SpecNode replacing(String placeholder, String value) {
        return switch (kind) {
            case MAP -> {
                Map<String, SpecNode> replaced = new LinkedHashMap<>();
                entries.forEach((k, v) -> replaced.put(k, v.replacing(placeholder, value)));
                yield new SpecNode(kind, source, line, Collections.unmodifiableMap(replaced), keyLines, items, null);
            }
            case LIST -> new SpecNode(kind, source, line, entries, keyLines,
                    items.stream().map(i -> i.replacing(placeholder, value)).toList(), null);
            case SCALAR -> scalar instanceof String text
                    ? new SpecNode(kind, source, line, entries, keyLines, items, text.replace(placeholder, value))
                    : this;
        };
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static SpecNode read(YAMLParser parser, String source) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            throw new InvalidInputException(source + ":" + line + ": the YAML alias '*" + parser.getText()
                    + "' is not supported; write the value out");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, SpecNode> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw new InvalidInputException(source + ":" + keyLine + ": duplicate key '" + key + "'");
                    }
                    parser.nextToken();
                    entries.put(key, read(parser, source));
                    keyLines.put(key, keyLine);
                }
                return new SpecNode(Kind.MAP, source, line, Collections.unmodifiableMap(entries),
                        keyLines, List.of(), null);
            }
            case START_ARRAY: {
                List<SpecNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, source));
                }
                return new SpecNode(Kind.LIST, source, line, Map.of(), Map.of(),
                        Collections.unmodifiableList(items), null);
            }
            case VALUE_NUMBER_INT:
                return scalar(source, line, parser.getNumberValue());
            case VALUE_NUMBER_FLOAT:
                return scalar(source, line, parser.getDoubleValue());
            case VALUE_TRUE:
                return scalar(source, line, Boolean.TRUE);
            case VALUE_FALSE:
                return scalar(source, line, Boolean.FALSE);
            case VALUE_NULL:
                return scalar(source, line, null);
            default:
                return scalar(source, line, parser.getText());
        }
    }

    private static SpecNode scalar(String source, int line, Object value) {
        return new SpecNode(Kind.SCALAR, source, line, Map.of(), Map.of(), List.of(), value);
    }

    /** @return what this node holds */
    public Kind kind() {
        return kind;
    }

    /** @return where the node stands, {@code "file.yaml:12"} (or the source alone when it has no lines) */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }

    /**
     * @param key a key of this map
     * @return where that key stands
     */
    public String whereKey(String key) {
        Integer keyLine = keyLines.get(key);
        return keyLine != null && keyLine > 0 ? source + ":" + keyLine : where();
    }

    /** @return the source name */
    public String source() {
        return source;
    }

    /** @return the entries of a map node, in document order (empty for other kinds) */
    public Map<String, SpecNode> entries() {
        return entries;
    }

    /** @return the items of a list node (empty for other kinds) */
    public List<SpecNode> items() {
        return items;
    }

    /** @return the value of a scalar node: a String, Number, Boolean or null */
    public Object scalar() {
        return scalar;
    }
}
