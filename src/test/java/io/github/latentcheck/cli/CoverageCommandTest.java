package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.coverage.Prdc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageCommandTest {
    private static final String DATA = "fixtures/data/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void knownModesOfRealDataAreAllCovered() throws IOException {
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--modes", "ring8", "--json");

        assertThat(cli.status()).as(cli.err()).isZero();
        JsonNode check = JSON.readTree(cli.out()).get("checks").get(0);
        assertThat(check.get("check").asText()).isEqualTo("mode-coverage");
        assertThat(check.get("metrics").get("modesCovered").asLong()).isEqualTo(8);
        assertThat(check.get("metrics").get("latentNormCramersV").isNull()).isTrue();
        assertThat(check.get("tests").get(0).get("name").asText()).isEqualTo("occupancy-chi2");
        assertThat(check.get("passed").asBoolean()).isTrue();
    }

    @Test
    void samplesThatDropModesFailTheDefaultCriteriaAndGatesReplaceThem() throws IOException {
        Samples holdout = SampleFiles.readSamples(Path.of(DATA + "ring8_holdout.npy"));
        int[] component = SampleFiles.readIntegers(Path.of(DATA + "ring8_holdout_component.npy"));
        double[] kept = new double[holdout.rows() * 2];
        int rows = 0;
        for (int r = 0; r < holdout.rows(); r++) {
            if (component[r] >= 2) {
                kept[2 * rows] = holdout.value(r, 0);
                kept[2 * rows + 1] = holdout.value(r, 1);
                rows++;
            }
        }
        Path dropped = tmp.resolve("dropped.npy");
        SampleFiles.write(dropped, Samples.of(rows, 2, Arrays.copyOf(kept, 2 * rows)));

        Cli cli = Cli.run("coverage", "--samples", dropped.toString(), "--modes", "ring8", "--json");
        assertThat(cli.status()).as(cli.err()).isEqualTo(1);
        JsonNode root = JSON.readTree(cli.out());
        assertThat(root.get("verdict").asText()).isEqualTo("failed");
        assertThat(root.get("gates")).extracting(g -> g.get("expression").asText()).containsExactly(
                "mode-coverage.hqSamples > 0", "mode-coverage.modesCovered >= 8",
                "mode-coverage.underCoveredModes == 0", "mode-coverage.occupancyPValue >= 0.05");
        assertThat(root.get("gates").get(1).get("value").asLong()).isEqualTo(6);

        Cli table = Cli.run("coverage", "--samples", dropped.toString(), "--modes", "ring8");
        assertThat(table.status()).isEqualTo(1);
        assertThat(table.out()).contains("mode-coverage.modesCovered >= 8").contains("FAIL")
                .contains(dropped + ": FAILED");

        Cli lenient = Cli.run("coverage", "--samples", dropped.toString(), "--modes", "ring8", "--json",
                "--gate", "mode-coverage.modesCovered >= 6");
        assertThat(lenient.status()).as(lenient.err()).isZero();
        assertThat(JSON.readTree(lenient.out()).get("gates")).hasSize(1);
    }

    @Test
    void theAnswerDoesNotDependOnTheThreadCountOrTheOutputFlag() throws IOException {
        String samples = DATA + "ring8_holdout.npy";
        String reference = DATA + "ring8_train.npy";
        String one = Cli.run("coverage", "--samples", samples, "--train", reference, "--json", "--threads", "1")
                .out();
        assertThat(Cli.run("coverage", "--samples", samples, "--train", reference, "--json", "--threads", "3")
                .out()).isEqualTo(one);
        Path dir = tmp.resolve("flags").resolve("report");
        Cli written = Cli.run("coverage", "--samples", samples, "--train", reference, "--out", dir.toString());
        assertThat(written.status()).as(written.err()).isIn(0, 1);
        assertThat(checksOf(dir)).isEqualTo(JSON.readTree(one).get("checks"));
        assertThat(written.out()).contains(samples + ": ").contains("; report in " + dir.resolve("index.html"));
    }

    @Test
    void aModesFileWorksAndTheTableNamesEveryMetric() {
        Cli cli = Cli.run("coverage", "--samples", DATA + "grid25_holdout.csv", "--modes", DATA + "grid25_modes.json");

        assertThat(cli.status()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("mode-coverage.modesCovered").containsPattern("modesCovered\\s+25\\n")
                .contains("mode-coverage occupancy-chi2");
    }

    @Test
    void referenceDataGivesPrdcNearItsNullExpectationAndNdb() throws IOException {
        Path reference = tmp.resolve("train-head.npy");
        Samples train = SampleFiles.readSamples(Path.of(DATA + "ring8_train.npy"));
        SampleFiles.write(reference, Samples.of(6000, 2, Arrays.copyOf(train.toArray(), 12_000)));
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train", reference.toString(),
                "--json", "--out", tmp.resolve("report").toString(), "--threads", "2");

        assertThat(cli.status()).as(cli.err()).isZero();
        JsonNode root = JSON.readTree(cli.out());
        assertThat(checksOf(tmp.resolve("report"))).isEqualTo(root.get("checks"));
        assertThat(root.get("report").asText()).isEqualTo(tmp.resolve("report").resolve("index.html").toString());
        JsonNode prdc = root.get("checks").get(0).get("metrics");
        assertThat(prdc.get("expectedCoverage").asDouble()).isEqualTo(Prdc.expectedCoverage(6_000, 5_000, 5));
        // real data against real data: coverage within 0.02 of its expectation, density within 0.05 of 1
        assertThat(prdc.get("coverage").asDouble()).isBetween(prdc.get("expectedCoverage").asDouble() - 0.02,
                prdc.get("expectedCoverage").asDouble() + 0.02);
        assertThat(prdc.get("density").asDouble()).isBetween(0.95, 1.05);
        assertThat(prdc.get("precision").asDouble()).isGreaterThan(0.95);
        assertThat(prdc.get("recall").asDouble()).isGreaterThan(0.95);
        JsonNode ndb = root.get("checks").get(1).get("metrics");
        assertThat(ndb.get("differentBins").asLong()).isZero();
    }

    /**
     * Training shards that fit the heap are read into memory: PRDC and NDB give, to the last digit, what
     * they give for the same rows as one file.
     */
    @Test
    void trainingShardsGiveTheResultsOfTheSameRowsAsOneFile() throws IOException {
        Path shards = Files.createDirectories(tmp.resolve("shards"));
        double[] train = SampleFiles.readSamples(Path.of(DATA + "ring8_train.npy")).toArray();
        int rows = train.length / 2;
        Path whole = tmp.resolve("whole.npy");
        SampleFiles.write(whole, Samples.of(rows, 2, train));
        int[] cuts = {0, 700, 1_900, rows};
        for (int s = 0; s < 3; s++) {
            SampleFiles.write(shards.resolve("part-" + s + ".npy"), Samples.of(cuts[s + 1] - cuts[s], 2,
                    Arrays.copyOfRange(train, 2 * cuts[s], 2 * cuts[s + 1])));
        }
        Cli one = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train", whole.toString(),
                "--json", "--threads", "2");
        Cli sharded = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train",
                shards.resolve("part-*.npy").toString(), "--json", "--threads", "1");
        Cli folder = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train", shards.toString(),
                "--json", "--threads", "2");

        assertThat(one.status()).as(one.err()).isZero();
        assertThat(sharded.status()).as(sharded.err()).isZero();
        assertThat(sharded.out()).isEqualTo(one.out()).contains("\"prdc\"");
        assertThat(folder.out()).isEqualTo(one.out());
    }

    @Test
    void shardsThatDifferInColumnsAreRefusedInOneLineNamingTheShard() throws IOException {
        Path shards = Files.createDirectories(tmp.resolve("unlike"));
        SampleFiles.write(shards.resolve("a.npy"), Samples.of(10, 2, new double[20]));
        SampleFiles.write(shards.resolve("b.npy"), Samples.of(10, 3, new double[30]));
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train", shards.toString(), "--json");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).startsWith("latentcheck: " + shards.resolve("b.npy") + ": shard has 3 columns")
                .contains(shards.resolve("a.npy").toString()).hasLineCount(1);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void modesOfAnotherDimensionAreBadInput() {
        Cli cli = Cli.run("coverage", "--samples", DATA + "digits_holdout.npy", "--modes", "ring8");

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("latentcheck: " + DATA + "digits_holdout.npy: has 64 columns but the modes "
                + "ring8 have dimension 2" + System.lineSeparator());
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aNegativeStandardDeviationIsBadInput() throws IOException {
        Path modes = write("neg.json", "{\"centres\": [[0, 0], [1, 1]], \"sd\": -0.5}");
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--modes", modes.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("latentcheck: " + modes + ": sd is not strictly positive and finite: -0.5"
                + System.lineSeparator());
    }

    @Test
    void weightsThatDoNotSumToOneAreBadInput() throws IOException {
        Path modes = write("w.json", "{\"centres\": [[0, 0], [1, 1]], \"sd\": 0.1, \"weights\": [0.5, 0.4]}");
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--modes", modes.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains(modes + ": weights do not sum to 1: 0.9");
    }

    @Test
    void aKNotBelowTheRowCountIsBadInput() throws IOException {
        Path reference = write("ref.csv", "x0,x1\n0,0\n1,1\n2,2\n3,3\n4,4\n");
        Cli cli = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--train", reference.toString());

        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.err()).contains("k = 5 is not below the number of real rows (5)");

        Cli large = Cli.run("coverage", "--samples", reference.toString(), "--train", DATA + "ring8_holdout.npy",
                "--prdc-k", "9");
        assertThat(large.status()).isEqualTo(2);
        assertThat(large.err()).contains("k = 9 is not below the number of generated rows (5)");
    }

    @Test
    void modesAndReferenceTogetherOrNeitherAreUsageErrors() {
        assertThat(Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy", "--modes", "ring8",
                "--train", DATA + "ring8_train.npy").status()).isEqualTo(2);
        Cli neither = Cli.run("coverage", "--samples", DATA + "ring8_holdout.npy");
        assertThat(neither.status()).isEqualTo(2);
        assertThat(neither.err()).contains("--modes").contains("--train");
    }

    @Test
    void theCoverageExperimentPasses() throws IOException {
        Cli cli = Cli.run("run", "experiments/coverage.yaml", "--out", tmp.toString(), "--samples", "2000");

        assertThat(cli.status()).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("mode-coverage.modesCovered >= 8").contains("prdc.coverageRatio")
                .contains("ndb.differentBins == 0").contains("coverage: PASSED");
        assertThat(Files.readString(tmp.resolve("results.json"))).contains("\"name\" : \"occupancy-chi2\"");
    }

    @Test
    void theBrokenGeneratorFailsItsModeCoverageGate() {
        Cli cli = Cli.run("run", "experiments/broken-generator.yaml", "--out", tmp.toString());

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.out()).containsPattern("mode-coverage.modesCovered >= 8\\s+6\\s+FAIL");
    }

    /** @return the checks of the one prior in the report's results.json */
    private static JsonNode checksOf(Path report) throws IOException {
        return JSON.readTree(report.resolve("results.json").toFile()).get("runs").get(0).get("checks");
    }

    private Path write(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
