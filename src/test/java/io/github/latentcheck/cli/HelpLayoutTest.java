package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code --help} at 80 columns breaks lines at spaces only: it holds exactly the words of the help
 * laid out without any width limit, none cut in two, and no line is longer than 80 characters.
 */
class HelpLayoutTest {
    @ParameterizedTest(name = "latentcheck {0} --help")
    @ValueSource(strings = {"", "run", "plan", "sample", "test", "audit", "coverage"})
    void helpAt80ColumnsBreaksAtSpacesOnly(String command) {
        String narrow = help(command, 80);
        String unbroken = help(command, 10_000);

        assertThat(words(narrow)).isEqualTo(words(unbroken));
        assertThat(narrow.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        assertThat(narrow).as("no word is cut where picocli would cut it").doesNotContain("results.\n")
                .doesNotContain("exponential\n");
    }

    @Test
    void helpCommandUsesTheSameLayout() {
        assertThat(help("help audit", 80)).isEqualTo(help("audit", 80));
    }

    @Test
    void listRowsContinueTwoColumnsRightOfTheirDescription() {
        String row = "      --against=DIST|FILE   normal(mu,sigma), uniform(a,b), t(df), exponential(rate), or a second file.";

        assertThat(HelpLayout.wrap(UsageMessageSpec.SECTION_KEY_OPTION_LIST, row, 60, 7, 17)).isEqualTo(
                "      --against=DIST|FILE   normal(mu,sigma), uniform(a,b),\n"
                + "                              t(df), exponential(rate), or a\n"
                + "                              second file.");
    }

    @Test
    void aSynopsisContinuesAfterTheCommandsName() {
        String synopsis = "latentcheck sample [-hV] [--debug] [--high=B] [--low=A] [--seed=S] --dim=D --out=FILE";

        assertThat(HelpLayout.wrap(UsageMessageSpec.SECTION_KEY_SYNOPSIS, synopsis, 60, 7, 19)).isEqualTo(
                "latentcheck sample [-hV] [--debug] [--high=B]\n"
                + "                          [--low=A] [--seed=S] --dim=D\n"
                + "                          --out=FILE");
    }

    @Test
    void aWordLongerThanTheLineStaysWhole() {
        String text = "see " + "x".repeat(70) + " and more";

        assertThat(HelpLayout.wrap(UsageMessageSpec.SECTION_KEY_DESCRIPTION, text, 60, 7, 17))
                .isEqualTo("see\n" + "x".repeat(70) + "\nand more");
    }

    @Test
    void theTerminalWidthIsKeptWithinBounds() {
        assertThat(HelpLayout.terminalWidth()).isBetween(55, HelpLayout.MAX);
    }

    private static String help(String command, int width) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        if (!command.startsWith("help")) {
            args.add("--help");
        }
        int status = LatentcheckCommand.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err),
                () -> width);
        assertThat(status).isZero();
        assertThat(err.toString()).isEmpty();
        return out.toString();
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.strip().split("\\s+"));
    }
}
