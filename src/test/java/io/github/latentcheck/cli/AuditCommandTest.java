package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.generator.CopierGenerator;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.Prior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final String TRAIN = "fixtures/data/digits_train.npy";
    private static final String HOLDOUT = "fixtures/data/digits_holdout.npy";

    @TempDir
    static Path shared;
    private static Path copies;

    @TempDir
    Path tmp;

    /** 600 copies of training digits with noise of sd 1e-4. */
    @BeforeAll
    static void writeCopies() {
        Samples training = SampleFiles.readSamples(Path.of(TRAIN));
        Prior prior = GaussianPrior.of(8);
        copies = shared.resolve("copies.npy");
        SampleFiles.write(copies, CopierGenerator.of(training, 1e-4, prior)
                .generate(LatentSampler.sample(prior, 600, 5, 1)));
    }

    private static JsonNode json(Cli cli) throws IOException {
        return json(cli, 0);
    }

    private static JsonNode json(Cli cli, int status) throws IOException {
        assertThat(cli.status()).as(cli.err()).isEqualTo(status);
        assertThat(cli.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        return new ObjectMapper().readTree(cli.out());
    }

    @Test
    void copiesAreFlaggedAndTheJsonHoldsEveryAggregate() throws IOException {
        JsonNode result = json(Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout", HOLDOUT,
                "--json", "--threads", "2"), 1);

        JsonNode metrics = result.get("metrics");
        assertThat(result.get("passed").asBoolean()).isFalse();
        assertThat(result.get("verdict").asText()).isEqualTo("failed");
        assertThat(result.get("gates")).hasSize(2).allSatisfy(g -> assertThat(g.get("passed").asBoolean()).isFalse());
        assertThat(result.get("gates").get(0).get("expression").asText())
                .isEqualTo("memorization.copyFraction <= 0.01");
        assertThat(result.get("gates").get(1).get("expression").asText())
                .isEqualTo("memorization.dataCopyingPValue >= 0.01");
        assertThat(metrics.get("samples").asInt()).isEqualTo(600);
        assertThat(metrics.get("copyFraction").asDouble()).isGreaterThan(0.99);
        assertThat(metrics.get("carliniCopyFraction").asDouble()).isGreaterThan(0.99);
        assertThat(metrics.get("membershipAuc").asDouble()).isGreaterThan(0.6);
        assertThat(metrics.get("dataCopyingZ").asDouble()).isLessThan(-10);
        assertThat(metrics.get("dataCopyingPValue").asDouble()).isLessThan(1e-20);
        assertThat(result.get("tests")).hasSize(2);
    }

    @Test
    void withoutHoldoutTheTrainBasedMetricsAreReported() throws IOException {
        JsonNode result = json(Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--json", "--neighbors", "20"));

        assertThat(result.get("holdout").isNull()).isTrue();
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("metrics").fieldNames()).toIterable().containsExactly("samples", "copyFraction",
                "ratioCopyFraction", "carliniCopyFraction", "exactDuplicates", "exactDuplicateFraction",
                "dcrTrainMedian");
        assertThat(result.get("metrics").get("copyFraction").asDouble()).isZero();
    }

    @Test
    void outWritesTheReportWithTheGalleryTheTableAndTheSpec() throws IOException {
        Cli cli = Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout", HOLDOUT,
                "--image-shape", "8x8", "--out", tmp.toString());

        assertThat(cli.status()).as("an audit full of copies fails").isEqualTo(1);
        assertThat(cli.out()).contains("copyFraction").contains("FAILED: 2 of 2 gates failed");
        String html = Files.readString(tmp.resolve("index.html"));
        assertThat(html).contains("<table class=\"gallery\">").contains("Suspected copies")
                .contains("<a href=\"memorization-samples.csv\">");
        assertThat(Files.readAllLines(tmp.resolve("memorization-samples.csv"))).hasSize(601)
                .first().asString().startsWith("sample,trainingRow,dcrTraining,secondDistance,ratio,carliniScore");
        assertThat(tmp.resolve("audit.yaml")).content().contains("type: \"memorization\"");
        assertThat(tmp.resolve("results.json")).content().contains("\"dataCopyingZ\"");
        assertThat(html).contains("✘ FAILED: 2 of 2 gates failed").doesNotContain("PASSED")
                .contains("Samples from " + copies.toAbsolutePath()).doesNotContain("N(0, I_1)");
        assertThat(tmp.resolve("summary.md")).content().contains("FAILED").doesNotContain("PASSED");
        String junit = Files.readString(tmp.resolve("junit.xml"));
        assertThat(junit).contains("tests=\"2\"").contains("failures=\"2\"")
                .contains("name=\"memorization.copyFraction &lt;= 0.01\"")
                .contains("smallest adjusted p-value of check 'memorization': ").doesNotContain("NaN")
                .contains("details: index.html#check-samples-memorization");
    }

    @Test
    void theSameInputsGiveTheSameNumbersWithJsonAndWithOut() throws IOException {
        JsonNode printed = json(Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout",
                HOLDOUT, "--json"), 1);
        Path dir = tmp.resolve("same");
        JsonNode both = json(Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout", HOLDOUT,
                "--json", "--out", dir.toString(), "--threads", "1"), 1);
        JsonNode written = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(both.get("metrics")).isEqualTo(printed.get("metrics"));
        assertThat(written.get("runs").get(0).get("checks").get(0).get("metrics")).isEqualTo(printed.get("metrics"));
        assertThat(both.get("tests")).isEqualTo(printed.get("tests"));
    }

    @Test
    void theAnswerDoesNotDependOnTheThreadCount() throws IOException {
        String[] args = {"audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout", HOLDOUT, "--json"};
        String one = Cli.run(concat(args, "--threads", "1")).out();
        assertThat(Cli.run(concat(args, "--threads", "2")).out()).isEqualTo(one);
        assertThat(Cli.run(concat(args, "--threads", "5")).out()).isEqualTo(one);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void gatesOnTheCommandLineReplaceTheDefaultCriteria() throws IOException {
        JsonNode lenient = json(Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--json",
                "--gate", "memorization.copyFraction <= 1", "--gate", "memorization.exactDuplicates == 0"));
        assertThat(lenient.get("verdict").asText()).isEqualTo("passed");
        assertThat(lenient.get("gates")).hasSize(2);
        JsonNode strict = json(Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--json",
                "--gate", "memorization.dcrTrainMedian >= 100"), 1);
        assertThat(strict.get("verdict").asText()).isEqualTo("failed");
    }

    @Test
    void aGateOnAnotherCheckIsRefused() {
        Cli cli = Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--gate", "prdc.recall >= 0.5");
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(
                "latentcheck: --gate 'prdc.recall >= 0.5': no check 'prdc' here; the checks are [memorization]");
        Cli malformed = Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--gate", "copyFraction < 1");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("latentcheck: --gate: gate is not 'check.metric OP number'");
    }

    @Test
    void theShippedExperimentFailsItsCopyGateWithStatusOne() throws IOException {
        Cli cli = Cli.run("run", "experiments/memorization-audit.yaml", "--out", tmp.toString(), "--samples", "400");

        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        assertThat(cli.out()).contains("memorization.copyFraction <= 0.01").contains("FAIL");
        assertThat(tmp.resolve("memorization-gaussian.csv")).isRegularFile();
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("<table class=\"gallery\">");
    }

    @Test
    void aDimensionMismatchNamesBothFiles() {
        Cli cli = Cli.run("audit", "--samples", "fixtures/data/ring8_holdout.npy", "--train", TRAIN);

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("fixtures/data/ring8_holdout.npy: row 0 has 2 columns")
                .contains(TRAIN + " have 64").doesNotContain("Exception");
    }

    @Test
    void anEmptyHoldoutIsRefusedNamingTheFile() throws IOException {
        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "x0,x1\n");
        Cli cli = Cli.run("audit", "--samples", "fixtures/data/ring8_holdout.npy", "--train",
                "fixtures/data/ring8_train.npy", "--holdout", empty.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + empty).doesNotContain("Exception");
    }

    @Test
    void kMustBeBelowTheTrainingRows() {
        Cli cli = Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--neighbors", "1200");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("--neighbors 1200").contains(TRAIN).contains("1200");
    }

    @Test
    void aNaNRowIsRefusedNamingTheFileLineAndColumn() throws IOException {
        Path samples = tmp.resolve("samples.csv");
        Files.writeString(samples, "x0,x1\n0.5,0.25\nNaN,1\n");
        Cli cli = Cli.run("audit", "--samples", samples.toString(), "--train", "fixtures/data/ring8_train.csv");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + samples).contains("line 3").contains("x0");
    }

    @Test
    void aBadImageShapeIsRefused() {
        Cli cli = Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--image-shape", "8x9");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("--image-shape 8x9 does not hold the 64 columns");
    }
}
