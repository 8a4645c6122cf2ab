package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input contract: exit status 2, one line on standard error that starts with
 * {@code latentcheck: } and names the file and the line, row, column or key at fault, no stack
 * trace, nothing on standard output, and no report files: the report folder, which does not exist
 * before the run, does not exist after it either.
 */
class BadInputTest {
    private static final Path RING8_TRAIN = Path.of("fixtures/data/ring8_train.npy").toAbsolutePath();

    /**
     * A valid spec that the cases break one line at a time, so that the line numbers below stay put.
     * Line 10 names the training data; {@code TRAINING} is replaced with a path.
     */
    private static final String BASE = """
            name: bad-input
            seed: 1
            samples: 200
            latent_dim: 3
            priors:
              - gaussian
            generator:
              type: ring
              sd: 0.02
            data:
              training: TRAINING
            checks:
              - type: latent-ks
                alpha: 0.01
              - type: marginal-ks
                alpha: 0.001
            gates:
              - latent-ks.rejected == 0
            """;

    @TempDir
    Path tmp;

    /** Writes the files a case needs into a folder and returns the command line. */
    @FunctionalInterface
    interface Setup {
        String[] args(Path dir, Path out) throws IOException;
    }

    static Stream<Arguments> runCases() {
        return Stream.of(
                bad("spec file missing",
                        (dir, out) -> run(dir.resolve("missing.yaml"), out),
                        "missing.yaml: no such file"),
                bad("spec is not YAML",
                        (dir, out) -> run(write(dir, "spec.yaml", "name: bad\nsamples: [1, 2\nseed: 3\n"), out),
                        "spec.yaml:3: not valid YAML"),
                bad("spec is empty",
                        (dir, out) -> run(write(dir, "spec.yaml", ""), out),
                        "spec.yaml: is empty"),
                bad("spec is a list, not a map",
                        (dir, out) -> run(write(dir, "spec.yaml", "- name\n- samples\n"), out),
                        "spec.yaml:1: a spec is a map of keys"),
                bad("a second YAML document",
                        (dir, out) -> run(spec(dir, "seed: 1", "---"), out),
                        "spec.yaml:3: a second YAML document (after '---'); a spec is one document"),
                bad("a YAML alias",
                        (dir, out) -> run(spec(dir, "seed: 1", "seed: *one"), out),
                        "spec.yaml:2: the YAML alias '*one' is not supported"),
                bad("duplicate key",
                        (dir, out) -> run(spec(dir, "seed: 1", "name: twice"), out),
                        "spec.yaml:2: duplicate key 'name'"),
                bad("unknown top-level key",
                        (dir, out) -> run(spec(dir, "seed: 1", "sampels: 10"), out),
                        "spec.yaml:2: unknown key 'sampels'"),
                bad("unknown key in the generator",
                        (dir, out) -> run(spec(dir, "  sd: 0.02", "  sdd: 0.02"), out),
                        "spec.yaml:9: unknown key 'sdd' in spec.generator", "(known keys: type, modes, radius, sd)"),
                bad("unknown key in a check",
                        (dir, out) -> run(spec(dir, "    alpha: 0.01", "    alpah: 0.01"), out),
                        "spec.yaml:14: unknown key 'alpah' in checks[0]"),
                bad("unknown key in data",
                        (dir, out) -> run(spec(dir, "  training: ", "  trainng: "), out),
                        "spec.yaml:11: unknown key 'trainng' in spec.data"),
                bad("generator option of the wrong type",
                        (dir, out) -> run(spec(dir, "  sd: 0.02", "  sd: wide"), out),
                        "spec.yaml:9: spec.generator.sd is not a number: 'wide'"),
                bad("prior option out of range, on a line of its own",
                        (dir, out) -> run(spec(dir, "priors:\n  - gaussian\n", "priors: [{type: gaussian,\n  dim: 0}]\n"),
                                out),
                        "spec.yaml:6: priors[0].dim is not a whole number in [1, 2147483647]: 0"),
                bad("unknown generator type",
                        (dir, out) -> run(spec(dir, "  type: ring", "  type: rign"), out),
                        "spec.yaml:8: unknown generator type 'rign'", "known: "),
                bad("unknown check type",
                        (dir, out) -> run(spec(dir, "  - type: latent-ks", "  - type: latent-kss"), out),
                        "spec.yaml:13: unknown check type 'latent-kss'", "known: "),
                bad("unknown prior type",
                        (dir, out) -> run(spec(dir, "  - gaussian", "  - gausian"), out),
                        "spec.yaml:6: unknown prior type 'gausian'", "known: gaussian, uniform"),
                bad("negative sample count",
                        (dir, out) -> run(spec(dir, "samples: 200", "samples: -5"), out),
                        "spec.yaml:3: samples is not a whole number in [1, ", "-5"),
                bad("sample count is not a number",
                        (dir, out) -> run(spec(dir, "samples: 200", "samples: many"), out),
                        "spec.yaml:3: spec.samples is not a whole number: 'many'"),
                bad("--samples 0",
                        (dir, out) -> run(spec(dir), out, "--samples", "0"),
                        "--samples is not at least 1: 0"),
                bad("--threads 0",
                        (dir, out) -> run(spec(dir), out, "--threads", "0"),
                        "--threads is not at least 1: 0"),
                bad("training file missing",
                        (dir, out) -> run(spec(dir, dir.resolve("nowhere.npy")), out),
                        "nowhere.npy: no such file"),
                bad("NaN in a CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n1,2\n3,NaN\n")), out),
                        "train.csv: line 3, column 'y': value must be finite: 'NaN'"),
                bad("Infinity in a CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n1,2\n-Infinity,4\n")), out),
                        "train.csv: line 3, column 'x': value must be finite: '-Infinity'"),
                bad("inf, as NumPy writes it, in a CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n1,2\n3,4\n5,inf\n")), out),
                        "train.csv: line 4, column 'y': value must be finite: 'inf'"),
                bad("a word in a CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n1,2\n3,four\n")), out),
                        "train.csv: line 3, column 'y': not a number: 'four'"),
                bad("ragged CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n1,2\n3\n")), out),
                        "train.csv: line 3 has 1 cells but the header has 2"),
                bad("empty CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "")), out),
                        "train.csv: is empty"),
                bad("header-only CSV training file",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y\n")), out),
                        "train.csv: has no data rows, only the header"),
                bad("int32 npy training file",
                        (dir, out) -> run(spec(dir, npy(dir, "'<i4'", "False", "(2, 2)", int32(1, 2, 3, 4))), out),
                        "train.npy: dtype '<i4' (int32) is not supported"),
                bad("Fortran-order npy training file",
                        (dir, out) -> run(spec(dir, npy(dir, "'<f8'", "True", "(2, 2)", float64(1, 2, 3, 4))), out),
                        "train.npy: fortran_order True is not supported"),
                bad("3-D npy training file",
                        (dir, out) -> run(spec(dir, npy(dir, "'<f8'", "False", "(2, 1, 2)", float64(1, 2, 3, 4))),
                                out),
                        "train.npy: shape (2, 1, 2) has rank 3"),
                bad("NaN in an npy training file",
                        (dir, out) -> run(spec(dir, npy(dir, "'<f8'", "False", "(2, 2)",
                                float64(1, 2, 3, Double.NaN))), out),
                        "train.npy: NaN at row 1, column 1 (0-based)"),
                bad("truncated npy training file",
                        (dir, out) -> run(spec(dir, npy(dir, "'<f8'", "False", "(2, 2)", float64(1, 2, 3))), out),
                        "train.npy: truncated data", "needs 32 bytes, found 24"),
                bad("prior dimension differs from the affine generator's input",
                        (dir, out) -> run(spec(dir, "  type: ring\n  sd: 0.02",
                                "  type: affine\n  matrix: [[1, 0], [0, 1]]"), out),
                        "spec.yaml:8: generator 'affine' takes latents of dimension 2",
                        "has dimension 3"),
                bad("ring generator under latent_dim 2",
                        (dir, out) -> run(spec(dir, "latent_dim: 3", "latent_dim: 2"), out),
                        "spec.yaml:8: generator 'ring'", "needs a latent dimension of at least 3", ": 2"),
                bad("copier generator without training data",
                        (dir, out) -> run(write(dir, "spec.yaml", """
                                name: copier
                                samples: 10
                                latent_dim: 2
                                priors: [gaussian]
                                generator:
                                  type: copier
                                checks: [moments]
                                """), out),
                        "spec.yaml:6: generator 'copier': this generator needs data.training"),
                bad("gate with ===",
                        (dir, out) -> run(spec(dir, "latent-ks.rejected == 0", "latent-ks.rejected === 0"), out),
                        "spec.yaml:18: gate is not 'check.metric OP number'", "'latent-ks.rejected === 0'"),
                bad("gate that is not an expression",
                        (dir, out) -> run(spec(dir, "latent-ks.rejected == 0", "nonsense"), out),
                        "spec.yaml:18: gate is not 'check.metric OP number'", "'nonsense'"),
                bad("gate naming an unknown check",
                        (dir, out) -> run(spec(dir, "latent-ks.rejected == 0", "mode-coverage.modesCovered >= 8"), out),
                        "spec.yaml:18: gate 'mode-coverage.modesCovered >= 8' names the check 'mode-coverage'",
                        "(checks: latent-ks, marginal-ks)"),
                bad("gate naming an unknown metric",
                        (dir, out) -> run(spec(dir, "latent-ks.rejected == 0", "latent-ks.rejectd == 0"), out),
                        "spec.yaml:18: gate 'latent-ks.rejectd == 0' names the metric 'rejectd'",
                        "(metrics: tests, rejected, minPValue, minAdjustedPValue, maxStatistic, detectableEffect)"),
                bad("report folder under a regular file",
                        (dir, out) -> run(spec(dir), write(dir, "file.txt", "not a folder").resolve("sub")),
                        "file.txt/sub: cannot be the output folder", "file.txt is not a folder"),
                bad("alpha out of range",
                        (dir, out) -> run(spec(dir, "    alpha: 0.01", "    alpha: 1.5"), out),
                        "spec.yaml:14: checks[0].alpha is not in (0, 1): 1.5"),
                bad("unknown correction",
                        (dir, out) -> run(spec(dir, "    alpha: 0.01", "    correction: sidak"), out),
                        "spec.yaml:14: checks[0].correction is not one of none, bonferroni, holm, hochberg, "
                                + "benjamini-hochberg (bh, fdr), benjamini-yekutieli (by): 'sidak'"),
                bad("training data with more columns than the generator writes",
                        (dir, out) -> run(spec(dir, csv(dir, "x,y,z\n1,2,3\n4,5,6\n")), out),
                        "spec.yaml:15: check 'marginal-ks': the generator writes 2 columns but the training data "
                                + "(data.training) has 3"),
                bad("marginal-ks without data.training",
                        (dir, out) -> run(spec(dir, "  training: ", "  holdout: "), out),
                        "spec.yaml:15: check 'marginal-ks' needs data.training"),
                bad("duplicate prior labels",
                        (dir, out) -> run(spec(dir, "priors:\n  - gaussian\n", "priors: [gaussian,\n  gaussian]\n"),
                                out),
                        "spec.yaml:6: two priors are labelled 'gaussian'"),
                bad("prior labels that name the same files",
                        (dir, out) -> run(spec(dir, "priors:\n  - gaussian\n",
                                "priors: [{type: gaussian, label: 'a b'},\n  {type: gaussian, label: a_b}]\n"), out),
                        "spec.yaml:6: the prior labels 'a b' and 'a_b' name the same files ('a_b'"),
                bad("prior labels that differ only in case",
                        (dir, out) -> run(spec(dir, "priors:\n  - gaussian\n",
                                "priors: [{type: gaussian, label: G},\n  {type: gaussian, label: g}]\n"), out),
                        "spec.yaml:6: the prior labels 'G' and 'g' name the same files", "case is ignored"),
                bad("check ids whose table files collide with another's",
                        (dir, out) -> run(spec(dir, "  - type: marginal-ks\n    alpha: 0.001",
                                "  - {type: marginal-ks, id: LATENT-KS,\n    alpha: 0.001}"), out),
                        "spec.yaml:15: check 'LATENT-KS' on prior 'gaussian' and check 'latent-ks' on prior 'gaussian' "
                                + "name the same table file ('LATENT-KS-gaussian.csv')"),
                bad("duplicate check ids",
                        (dir, out) -> run(spec(dir, "  - type: marginal-ks", "  - type: latent-ks"), out),
                        "spec.yaml:15: two checks have the id 'latent-ks'"),
                bad("uniform prior with low above high",
                        (dir, out) -> run(spec(dir, "  - gaussian", "  - {type: uniform, low: 1, high: -1}"), out),
                        "spec.yaml:6: priors[0]: uniform prior bounds are not finite with low < high: low=1"));
    }

    static Stream<Arguments> sampleCases() {
        return Stream.of(
                bad("unknown prior",
                        (dir, out) -> sample(out, "--prior", "gausian", "--dim", "2", "--samples", "10"),
                        "--prior gausian: unknown prior type 'gausian'", "known: gaussian, uniform"),
                bad("--dim 0",
                        (dir, out) -> sample(out, "--prior", "gaussian", "--dim", "0", "--samples", "10"),
                        "--dim is not at least 1: 0"),
                bad("--samples -1",
                        (dir, out) -> sample(out, "--prior", "gaussian", "--dim", "2", "--samples", "-1"),
                        "--samples is not at least 1: -1"),
                bad("truncated without --threshold",
                        (dir, out) -> sample(out, "--prior", "truncated", "--dim", "2", "--samples", "10"),
                        "--prior truncated needs --threshold TAU"),
                bad("--threshold 0",
                        (dir, out) -> sample(out, "--prior", "truncated", "--threshold", "0", "--dim", "2", "--samples", "10"),
                        "--prior truncated: truncation threshold is not strictly positive and finite: 0.0"),
                bad("output under a regular file",
                        (dir, out) -> sample(write(dir, "file.txt", "not a folder").resolve("z.npy"),
                                "--prior", "gaussian", "--dim", "2", "--samples", "10"),
                        "file.txt: cannot be the output folder", "file.txt is not a folder"),
                bad("output of unknown type",
                        (dir, out) -> sample(dir.resolve("z.txt"), "--prior", "gaussian", "--dim", "2", "--samples", "10"),
                        "z.txt: unknown file type; expected a .npy or .csv file"));
    }

    @ParameterizedTest(name = "run: {0}")
    @MethodSource("runCases")
    void runRefusesBadInput(String name, Setup setup, String[] fragments) throws IOException {
        Path out = tmp.resolve("report");

        Cli cli = Cli.run(setup.args(tmp, out));

        assertBadInput(cli, out, fragments);
    }

    @ParameterizedTest(name = "sample: {0}")
    @MethodSource("sampleCases")
    void sampleRefusesBadInput(String name, Setup setup, String[] fragments) throws IOException {
        Path out = tmp.resolve("latents.npy");

        Cli cli = Cli.run(setup.args(tmp, out));

        assertBadInput(cli, out, fragments);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("temporary files left behind").noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    @Test
    void theBaseSpecIsValid() throws IOException {
        Path out = tmp.resolve("report");

        Cli cli = Cli.run(run(spec(tmp), out));

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(out.resolve("results.json")).isRegularFile();
    }

    @Test
    void aReportFolderThatExistedStaysEmpty() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("report"));

        Cli cli = Cli.run(run(spec(tmp, csv(tmp, "x,y,z\n1,2,3\n4,5,6\n")), out));

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * Specs come from pull requests: a spec's {@code output} stays below the spec's folder. Each is
     * refused before anything runs, naming the spec's line, and nothing is written anywhere.
     */
    @ParameterizedTest(name = "output: {0}")
    @ValueSource(strings = {"../outside", "ABSOLUTE", ".", "reports/../..", "reports/../../outside"})
    void aSpecsOutputOutsideItsFolderIsRefused(String output) throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));
        Path absolute = tmp.resolve("absolute");
        String value = output.replace("ABSOLUTE", absolute.toString());
        Path spec = specWithOutput(specs, value);

        Cli cli = Cli.run("run", spec.toString());

        assertBadInput(cli, tmp.resolve("outside"), spec + ":18: output '" + value
                + "' is not below the spec's folder: specs write only below their own folder "
                + "(give --out DIR on the command line to write elsewhere)");
        assertThat(absolute).doesNotExist();
        try (Stream<Path> files = Files.list(specs)) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("spec.yaml");
        }
    }

    @Test
    void aSpecsOutputThroughALinkOutOfItsFolderIsRefused() throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(specs.resolve("link"), elsewhere);
        Path spec = specWithOutput(specs, "link/report");

        Cli cli = Cli.run("run", spec.toString());

        assertBadInput(cli, elsewhere.resolve("report"), spec + ":18: output 'link/report' leads out of the spec's "
                + "folder through the link " + specs.resolve("link") + ": specs write only below their own folder");
    }

    /** A spec's output never replaces a folder that is not a latentcheck report, such as one with someone's summary.md. */
    @Test
    void aSpecsOutputIntoAFolderThatIsNotAReportIsRefused() throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));
        Path docs = Files.createDirectory(specs.resolve("docs"));
        Files.writeString(docs.resolve("summary.md"), "hand-written");
        Path spec = specWithOutput(specs, "docs");

        Cli cli = Cli.run("run", spec.toString());

        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().stripTrailing()).isEqualTo("latentcheck: " + spec + ":18: output 'docs': " + docs
                + ": is not a latentcheck report folder (no .latentcheck-report) and not empty; latentcheck replaces "
                + "its output folder whole, so give a new or empty folder");
        assertThat(cli.out()).isEmpty();
        assertThat(docs.resolve("summary.md")).hasContent("hand-written");
        try (Stream<Path> files = Files.list(specs)) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder("spec.yaml", "docs");
        }
    }

    @Test
    void aSpecsOutputBelowItsFolderIsWritten() throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));

        Cli cli = Cli.run("run", specWithOutput(specs, "reports/../reports/bad-input").toString());

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(specs.resolve("reports").resolve("bad-input").resolve("results.json")).isRegularFile();
    }

    /** The command line chooses any folder: --out overrides the spec's output, wherever that points. */
    @Test
    void outOnTheCommandLineMayPointAnywhere() throws IOException {
        Path specs = Files.createDirectory(tmp.resolve("specs"));
        Path out = tmp.resolve("elsewhere").resolve("report");

        Cli cli = Cli.run(run(specWithOutput(specs, "../outside"), out));

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(tmp.resolve("outside")).doesNotExist();
    }

    @Test
    void unknownSubcommandIsAUsageErrorListingTheCommands() {
        assertUsageError(Cli.run("rnu", "spec.yaml"), "unknown command 'rnu' (did you mean 'run'?); the commands are "
                + "run, plan, sample, test, audit, coverage, help; run 'latentcheck --help' for usage");
        assertUsageError(Cli.run("frobnicate"), "unknown command 'frobnicate'; the commands are run, plan, sample, "
                + "test, audit, coverage, help; run 'latentcheck --help' for usage");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(Cli.run("run", "experiments/quickstart.yaml", "--smaples", "10"),
                "Unknown options: '--smaples', '10' (run 'latentcheck run --help' for usage)");
    }

    @Test
    void missingSpecArgumentIsAUsageError() {
        assertUsageError(Cli.run("run"),
                "Missing required parameter: 'SPEC.yaml' (run 'latentcheck run --help' for usage)");
    }

    @Test
    void nonNumericOptionIsAUsageError() {
        assertUsageError(Cli.run("run", "experiments/quickstart.yaml", "--samples", "ten"),
                "Invalid value for option '--samples': 'ten' is not an int (run 'latentcheck run --help' for usage)");
    }

    @Test
    void debugPrintsTheStackTraceOfBadInput() {
        Path out = tmp.resolve("report");

        Cli cli = Cli.run("--debug", "run", tmp.resolve("missing.yaml").toString(), "--out", out.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + tmp.resolve("missing.yaml") + ": no such file")
                .contains("io.github.latentcheck.InvalidInputException")
                .contains("at io.github.latentcheck.spec.ExperimentSpec.read");
        assertThat(out).doesNotExist();
    }

    @Test
    void debugAfterTheSubcommandWorksToo() {
        Cli cli = Cli.run("run", tmp.resolve("missing.yaml").toString(), "--debug");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("at io.github.latentcheck.spec.ExperimentSpec.read");
    }

    @Test
    void helpAndVersionExitZero() {
        Cli help = Cli.run("--help");
        Cli runHelp = Cli.run("run", "--help");
        Cli version = Cli.run("--version");

        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: latentcheck").contains("run").contains("sample");
        assertThat(runHelp.status()).isZero();
        assertThat(runHelp.out()).contains("SPEC.yaml").contains("--out");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("latentcheck ");
        assertThat(help.err() + runHelp.err() + version.err()).isEmpty();
    }

    /**
     * Asserts the contract: status 2, one line on standard error starting with {@code latentcheck: }
     * that holds every fragment, no stack trace, nothing on standard output, and nothing at {@code out}.
     */
    static void assertBadInput(Cli cli, Path out, String... fragments) throws IOException {
        String err = cli.err().stripTrailing();
        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(err).as("one line").doesNotContain("\n").doesNotContain("\r");
        assertThat(err).startsWith("latentcheck: ");
        assertThat(err).as("the place in the spec, given once")
                .doesNotContainPattern("\\.yaml(:\\d+)?: .*\\.yaml(:\\d+)?: ");
        for (String fragment : fragments) {
            assertThat(err).contains(fragment);
        }
        assertThat(err).as("no stack trace").doesNotContain("at io.github").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files).as("files in " + out).isEmpty();
            }
        } else {
            assertThat(out).doesNotExist();
        }
    }

    /** A usage error is one line: the problem and where the usage is. */
    private static void assertUsageError(Cli cli, String message) {
        assertThat(cli.status()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().stripTrailing().split("\n")).containsExactly("latentcheck: " + message);
        assertThat(cli.out()).isEmpty();
    }

    private static Arguments bad(String name, Setup setup, String... fragments) {
        return Arguments.of(name, setup, fragments);
    }

    private static String[] run(Path spec, Path out, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "run";
        args[1] = spec.toString();
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return args;
    }

    private static String[] sample(Path out, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "sample";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = out.toString();
        return args;
    }

    /** The base spec, with the ring8 training data. */
    private static Path spec(Path dir) throws IOException {
        return spec(dir, RING8_TRAIN);
    }

    /** The base spec, with this training data. */
    private static Path spec(Path dir, Path training) throws IOException {
        return write(dir, "spec.yaml", BASE.replace("TRAINING", training.toString()));
    }

    /** The base spec, with the ring8 training data and one piece replaced (keeping the lines in place). */
    private static Path spec(Path dir, String from, String to) throws IOException {
        assertThat(BASE).contains(from);
        assertThat(to.split("\n", -1)).hasSameSizeAs(from.split("\n", -1));
        return write(dir, "spec.yaml", BASE.replace(from, to).replace("TRAINING", RING8_TRAIN.toString()));
    }

    /** The base spec with an {@code output} key on line 18. */
    private static Path specWithOutput(Path dir, String output) throws IOException {
        String gates = "gates:\n  - latent-ks.rejected == 0\n";
        return write(dir, "spec.yaml", BASE.replace(gates, "gates: ['latent-ks.rejected == 0']\noutput: '" + output + "'\n")
                .replace("TRAINING", RING8_TRAIN.toString()));
    }

    private static Path csv(Path dir, String text) throws IOException {
        return write(dir, "train.csv", text);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Writes a version 1.0 {@code .npy} file, its header padded to 64 bytes as NumPy does. */
    private static Path npy(Path dir, String descr, String fortranOrder, String shape, byte[] data) throws IOException {
        String dict = "{'descr': " + descr + ", 'fortran_order': " + fortranOrder + ", 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        byte[] header = (dict + " ".repeat((64 - unpadded % 64) % 64) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer file = ByteBuffer.allocate(10 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length)
                .put(header).put(data);
        return Files.write(dir.resolve("train.npy"), file.array());
    }

    private static byte[] int32(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    private static byte[] float64(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }
}
