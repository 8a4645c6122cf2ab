package io.github.latentcheck.internal.text;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Makes text from users and their programs (prior labels, file names, a generator process's
 * stderr) safe for each place it is written to: a terminal, XML, a Markdown table cell or code
 * span, HTML, a file name. Every sink but the file name shows a control character the same
 * visible way, <code>&#92;xHH</code> (C0, DEL and C1) or <code>&#92;uHHHH</code> (bidirectional-text controls,
 * unpaired surrogates), so no label or message can move the cursor, set a terminal's title, clear
 * the screen, reorder what a reader sees, or make a file unreadable; the rest of the text is kept
 * as it was and escaped by the sink's own rules.
 */
public final class SafeText {
    private SafeText() {
    }

    /**
     * @param text any text
     * @return the text for a terminal: control characters shown as escapes, so one message stays one line
     */
    public static String terminal(String text) {
        return visible(text, false);
    }

    /**
     * For an XML writer that escapes markup itself ({@code XMLStreamWriter}): XML 1.0 cannot hold
     * most control characters, even as character references, so a document with one is not well-formed.
     *
     * @param text any text
     * @return the text with every control character but tab, line feed and carriage return shown as an escape
     */
    public static String xml(String text) {
        return visible(text, true);
    }

    /**
     * @param text any text
     * @return the text for one cell of a Markdown table (or a heading): control characters shown as
     *     escapes, {@code |} as {@code \|} so it cannot end the cell, and a {@code <} or {@code &}
     *     that would start a tag or an entity as an entity itself ({@code "p < 0.8"} stays as it is)
     */
    public static String markdownCell(String text) {
        String shown = visible(text, false);
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            char next = i + 1 < shown.length() ? shown.charAt(i + 1) : ' ';
            boolean startsMarkup = c == '<' && (Character.isLetter(next) || "/!?".indexOf(next) >= 0)
                    || c == '&' && (Character.isLetterOrDigit(next) || next == '#');
            if (c == '|') {
                out.append("\\|");
            } else if (startsMarkup) {
                out.append(c == '<' ? "&lt;" : "&amp;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param text any text
     * @return the text as a Markdown code span for a table cell, with its delimiters: control
     *     characters shown as escapes, {@code |} as {@code \|} (GitHub's tables read that inside code
     *     too), and fences one backtick longer than the longest run of backticks in the text
     */
    public static String markdownCode(String text) {
        String shown = visible(text, false).replace("|", "\\|");
        int longest = 0;
        for (int i = 0, run = 0; i < shown.length(); i++) {
            run = shown.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = longest > 0 ? " " : "";
        return fence + pad + shown + pad + fence;
    }

    /**
     * @param text any text
     * @return the text for HTML element content or a quoted attribute value: control characters
     *     shown as escapes, {@code < > & " '} as entities
     */
    public static String html(String text) {
        String shown = visible(text, false);
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The part of a file name made from a label or id: every character outside {@code [A-Za-z0-9._-]}
     * becomes {@code _}. Different texts can give one name ({@code "a b"} and {@code "a_b"}), and
     * file systems that ignore case take {@code "A"} and {@code "a"} for one file: compare the
     * names with {@link #sameFileName}.
     *
     * @param text any text
     * @return the text as a file name part, {@code "_"} for empty text
     */
    public static String fileName(String text) {
        String name = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "_" : name;
    }

    /**
     * @param a a text
     * @param b another text
     * @return whether the two give the same {@link #fileName}, ignoring case
     */
    public static boolean sameFileName(String a, String b) {
        return fileName(a).equalsIgnoreCase(fileName(b));
    }

    /**
     * A writer for a terminal: what goes through it has its control characters shown as escapes,
     * except the tab, the line feed, and a carriage return directly before a line feed in the same
     * write (a line separator), so tables and lines stay as printed.
     *
     * @param out where the text goes
     * @return a writer that escapes on the way
     */
    public static Writer terminal(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                write(new char[] {(char) c}, 0, 1);
            }

            @Override
            public void write(char[] text, int offset, int length) throws IOException {
                write(new String(text, offset, length), 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                StringBuilder shown = new StringBuilder(length);
                for (int i = offset; i < offset + length; i++) {
                    char c = text.charAt(i);
                    boolean lineBreak = c == '\n' || c == '\t'
                            || c == '\r' && i + 1 < offset + length && text.charAt(i + 1) == '\n';
                    if (!lineBreak && isUnsafe(c)) {
                        shown.append(escape(c));
                    } else {
                        shown.append(c);
                    }
                }
                out.write(shown.toString());
            }
        };
    }

    private static String visible(String text, boolean keepLineBreaks) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isHighSurrogate(c)
                    ? i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            boolean kept = keepLineBreaks && (c == '\t' || c == '\n' || c == '\r');
            boolean escaped = !kept && (isUnsafe(c) || unpaired);
            if (escaped && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped) {
                out.append(escape(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** @return whether c is a control character (C0, DEL, C1), a bidirectional-text control or a non-character */
    private static boolean isUnsafe(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFFFE'
                || c == '\uFFFF';
    }

    private static String escape(char c) {
        return c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
    }
}
