package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option renamed for one vocabulary still works under its old spelling until the next
 * release: the same output as the new spelling, and one warning line on standard error; with the
 * new spelling nothing is written there. Bad input stays one line, with no warning beside it.
 */
class OldSpellingsTest {
    private static final String RING_HOLDOUT = "fixtures/data/ring8_holdout.npy";
    private static final String RING_TRAIN = "fixtures/data/ring8_train.npy";
    private static final String DIGITS_TRAIN = "fixtures/data/digits_train.npy";
    private static final String DIGITS_HOLDOUT = "fixtures/data/digits_holdout.npy";

    @TempDir
    Path tmp;

    /** The command, the old spelling, the new one, and a command line with {@code OPTION} where either goes. */
    static Stream<Arguments> renamed() {
        return Stream.of(
                Arguments.of("test", "--sample", "--samples", List.of("test", "ks", "OPTION", RING_HOLDOUT,
                        "--against", "normal(0,1)", "--json")),
                Arguments.of("sample", "--n", "--samples", List.of("sample", "--prior", "gaussian", "--dim", "2",
                        "OPTION", "50", "--out", "OUT.csv")),
                Arguments.of("audit", "--k", "--neighbors", List.of("audit", "--samples", DIGITS_HOLDOUT,
                        "--train", DIGITS_TRAIN, "OPTION", "20", "--json")),
                Arguments.of("coverage", "--reference", "--train", List.of("coverage", "--samples", RING_HOLDOUT,
                        "OPTION", RING_TRAIN, "--json", "--gate", "prdc.precision >= 0")),
                Arguments.of("coverage", "--k", "--prdc-k", List.of("coverage", "--samples", RING_HOLDOUT,
                        "--train", RING_TRAIN, "OPTION", "4", "--json", "--gate", "prdc.precision >= 0")));
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @MethodSource("renamed")
    void theOldSpellingGivesTheSameAnswerAndOneWarning(String command, String old, String now, List<String> line)
            throws Exception {
        Cli current = Cli.run(args(line, now, tmp.resolve("new")));
        Cli former = Cli.run(args(line, old, tmp.resolve("old")));

        assertThat(current.status()).as(current.err()).isIn(0, 1);
        assertThat(current.err()).isEmpty();
        assertThat(former.status()).isEqualTo(current.status());
        assertThat(former.out().replace(tmp.resolve("old").toString(), "DIR"))
                .isEqualTo(current.out().replace(tmp.resolve("new").toString(), "DIR"));
        assertThat(former.err().lines()).containsExactly("latentcheck: warning: " + command + " " + old + " is now "
                + now + "; the old spelling will be removed in the next release");
        if (command.equals("sample")) {
            assertThat(Files.readString(tmp.resolve("old").resolve("OUT.csv")))
                    .isEqualTo(Files.readString(tmp.resolve("new").resolve("OUT.csv")));
        }
    }

    @Test
    void theOldSpellingWithAnAttachedValueWorksToo() {
        Cli cli = Cli.run("test", "ks", "--sample=" + RING_HOLDOUT, "--against", "normal(0,1)", "--json");

        assertThat(cli.status()).isIn(0, 1);
        assertThat(cli.out()).contains("\"samples\":\"" + RING_HOLDOUT + "\"");
        assertThat(cli.err().lines()).singleElement().asString().contains("test --sample is now --samples");
    }

    @Test
    void badInputUnderAnOldSpellingIsStillOneLine() {
        Cli cli = Cli.run("test", "ks", "--sample", tmp.resolve("missing.npy").toString(), "--against", "normal(0,1)");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().lines()).singleElement().asString()
                .startsWith("latentcheck: " + tmp.resolve("missing.npy"));
    }

    @Test
    void bothSpellingsTogetherAreAUsageError() {
        Cli cli = Cli.run("test", "ks", "--sample", RING_HOLDOUT, "--samples", RING_HOLDOUT, "--against",
                "normal(0,1)");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().lines()).singleElement().asString().startsWith("latentcheck: option '--samples'")
                .contains("should be specified only once").endsWith("(run 'latentcheck test --help' for usage)");
    }

    @Test
    void argumentsAfterTheEndOfOptionsAreLeftAlone() {
        Cli cli = Cli.run("coverage", "--samples", RING_HOLDOUT, "--modes", "ring8", "--", "--k");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().lines()).singleElement().asString().contains("'--k'").doesNotContain("prdc")
                .doesNotContain("warning");
    }

    @Test
    void helpShowsOnlyTheNewNames() {
        for (String command : OldSpellings.RENAMED.keySet()) {
            String help = Cli.run(command, "--help").out();
            OldSpellings.RENAMED.get(command).forEach((old, now) -> {
                assertThat(help).contains(now + "=").doesNotContain(old + "=");
                assertThat(help).as("the help says what the option was called").contains("formerly " + old);
            });
        }
    }

    private static String[] args(List<String> line, String option, Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>();
        for (String word : line) {
            args.add(word.equals("OPTION") ? option : word.equals("OUT.csv") ? dir.resolve(word).toString() : word);
        }
        return args.toArray(new String[0]);
    }
}
