package io.github.latentcheck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out {@code --help} at the terminal's width (55 to {@value #MAX} columns; 80 without a
 * terminal) and breaks lines at spaces only. Picocli breaks lines where {@link java.text.BreakIterator}
 * allows, which is also inside words such as {@code results.json} or {@code exponential(rate)}; so
 * picocli renders each section on unbroken lines and this wraps them, continuing a synopsis after
 * the command's name and a description in a list two columns right of where it starts, as picocli does.
 */
final class HelpLayout {
    /** The widest help, for readability on wide terminals. */
    static final int MAX = 100;
    private static final int MIN = 55;
    private static final int UNBROKEN = 10_000;
    private static final List<String> LISTS = List.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS);
    /** A list row's first column and the two or more spaces after it. */
    private static final Pattern FIRST_COLUMN = Pattern.compile("^\\s*\\S(?:.*?\\S)?\\s{2,}(?=\\S)");

    private HelpLayout() {
    }

    /** @return the terminal's width as picocli detects it, within 55 and {@value #MAX}; 80 when there is none */
    static int terminalWidth() {
        return Math.max(MIN, Math.min(MAX, new UsageMessageSpec().autoWidth(true).width()));
    }

    /**
     * @param cli the top command; it and every subcommand get the layout
     * @param width the width to wrap at, asked each time help is shown
     */
    static void apply(CommandLine cli, IntSupplier width) {
        cli.setUsageHelpWidth(UNBROKEN);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(cli.getHelpSectionMap());
        sections.replaceAll((key, renderer) -> help -> wrap(key, renderer.render(help), width.getAsInt(),
                help.synopsisHeading().length(), help.commandSpec().qualifiedName().length() + 1));
        // Picocli registers the map with every subcommand too.
        cli.setHelpSectionMap(sections);
    }

    /**
     * @param section the picocli section key
     * @param text the section, each logical line unbroken
     * @param width the width
     * @param heading the width of the synopsis's heading ({@code "Usage: "}), before its first line
     * @param command the width of the command's name and the space after it, at the synopsis's start
     * @return the text with every line longer than the width broken at spaces
     */
    static String wrap(String section, String text, int width, int heading, int command) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String line = lines[i];
            int used = 0;
            int indent;
            if (section.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                used = heading;
                indent = heading + command;
            } else if (LISTS.contains(section)) {
                Matcher m = FIRST_COLUMN.matcher(line);
                indent = (m.find() ? m.end() : leadingSpaces(line)) + 2;
            } else {
                indent = leadingSpaces(line);
            }
            wrapLine(out, line, width, used, Math.min(indent, width / 2));
        }
        return out.toString();
    }

    /**
     * Breaks one line at the last space that fits; a word longer than the room left stays whole.
     * {@code used} columns of the first line are taken already; later lines start with {@code indent} spaces.
     */
    private static void wrapLine(StringBuilder out, String line, int width, int used, int indent) {
        if (used + line.length() <= width) {
            out.append(line);
            return;
        }
        String rest = line.stripTrailing();
        int taken = used;
        String prefix = "";
        while (taken + rest.length() > width) {
            int room = width - taken;
            int from = prefix.isEmpty() ? leadingSpaces(rest) : 0;
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= from) {
                cut = rest.indexOf(' ', room);
            }
            if (cut <= from) {
                break;
            }
            out.append(prefix).append(rest.substring(0, cut).stripTrailing()).append('\n');
            rest = rest.substring(cut).stripLeading();
            prefix = " ".repeat(indent);
            taken = indent;
        }
        out.append(prefix).append(rest);
    }

    private static int leadingSpaces(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
