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
        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        return new ObjectMapper().readTree(cli.out());
    }

    @Test
    void copiesAreFlaggedAndTheJsonHoldsEveryAggregate() throws IOException {
        JsonNode result = json(Cli.run("audit", "--samples", copies.toString(), "--train", TRAIN, "--holdout", HOLDOUT,
                "--json", "--threads", "2"));

        JsonNode metrics = result.get("metrics");
        assertThat(result.get("passed").asBoolean()).isFalse();
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
        JsonNode result = json(Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--json", "--k", "20"));

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

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("copyFraction").contains("memorization suspected");
        String html = Files.readString(tmp.resolve("index.html"));
        assertThat(html).contains("<table class=\"gallery\">").contains("Suspected copies")
                .contains("<a href=\"memorization-samples.csv\">");
        assertThat(Files.readAllLines(tmp.resolve("memorization-samples.csv"))).hasSize(601)
                .first().asString().startsWith("sample,trainingRow,dcrTraining,secondDistance,ratio,carliniScore");
        assertThat(tmp.resolve("audit.yaml")).content().contains("type: \"memorization\"");
        assertThat(tmp.resolve("results.json")).content().contains("\"dataCopyingZ\"");
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
        Cli cli = Cli.run("audit", "--samples", HOLDOUT, "--train", TRAIN, "--k", "1200");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("--k 1200").contains(TRAIN).contains("1200");
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
