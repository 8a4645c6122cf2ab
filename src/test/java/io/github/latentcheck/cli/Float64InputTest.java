package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics on float64 input computed from the values as given, through the command line: the cases
 * that float32 rounding of CSV and float64 {@code .npy} files used to get wrong (issue 14). Reference
 * values: {@code fixtures/reference/make_float64_reference.py} (scipy 1.17) on the files in
 * {@code fixtures/reference/float64_inputs/}.
 */
class Float64InputTest {
    private static final Path INPUTS = Path.of("fixtures/reference/float64_inputs");
    /** scipy's and our exact KS agree to about 1e-13 relative on float32 input; the same holds here. */
    private static final double EXACT_TOLERANCE = 1e-10;

    private static final Map<String, Map<String, String>> REFERENCE = reference();

    /** The reference rows by "input test", each as column name to cell; lines starting with # are comments. */
    private static Map<String, Map<String, String>> reference() {
        try {
            List<String> lines = Files.readAllLines(Path.of("fixtures/reference/float64_reference.csv")).stream()
                    .filter(line -> !line.startsWith("#")).collect(Collectors.toList());
            String[] header = lines.get(0).split(",");
            Map<String, Map<String, String>> rows = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",(?![^(]*\\))");
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                rows.put(row.get("input") + " " + row.get("test"), row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that must succeed; exit 1 only where its verdict rejects (checked by the caller). */
    private static JsonNode json(String... args) throws IOException {
        Cli cli = Cli.run(args);
        assertThat(cli.err()).isEmpty();
        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertThat(cli.status()).isEqualTo(result.path("verdict").asText().equals("failed") ? 1 : 0);
        assertThat(result.get("results")).as("one column, one result").hasSize(1);
        return result.get("results").get(0);
    }

    private static void assertRelative(double actual, String expected, double tolerance) {
        double e = Double.parseDouble(expected);
        assertThat(Math.abs(actual - e) / Math.abs(e)).as("actual %s, expected %s", actual, e).isLessThan(tolerance);
    }

    private static void assertMatches(JsonNode result, String key) {
        Map<String, String> row = REFERENCE.get(key);
        assertRelative(result.get("statistic").asDouble(), row.get("statistic"), EXACT_TOLERANCE);
        assertRelative(result.get("pValue").asDouble(), row.get("pvalue"), EXACT_TOLERANCE);
    }

    @Test
    void aCsvOfTenDigitValuesIsTestedAsWritten() throws IOException {
        String file = INPUTS.resolve("ten_digit.csv").toString();
        assertThat(SampleFiles.readSamples(Path.of(file)).value(0, 0))
                .isEqualTo(Double.parseDouble(Files.readAllLines(Path.of(file)).get(1)));
        assertMatches(json("test", "ks", "--samples", file, "--against", "normal(0,1)", "--json"), "ten_digit ks1");
        JsonNode two = json("test", "ks", "--samples", file, "--against", INPUTS.resolve("ten_digit_b.csv").toString(),
                "--json");
        assertMatches(two, "ten_digit ks2");
        assertThat(two.toString()).doesNotContain("\"ties\":true");
    }

    @Test
    void samplesOneBillionthApartAreDifferent() throws IOException {
        String x = INPUTS.resolve("apart_x.csv").toString();
        String y = INPUTS.resolve("apart_y.csv").toString();
        JsonNode ks = json("test", "ks", "--samples", x, "--against", y, "--json");
        assertThat(ks.get("statistic").asDouble()).isEqualTo(1.0);
        assertMatches(ks, "apart_x ks2");
        assertMatches(json("test", "cvm", "--samples", x, "--against", y, "--json"), "apart_x cvm2");
        JsonNode ad = json("test", "ad", "--samples", x, "--against", y, "--json");
        assertRelative(ad.get("statistic").asDouble(), REFERENCE.get("apart_x ad2").get("statistic"), 1e-9);
        assertThat(ad.get("pValue").asDouble()).as("the smallest p of 999 permutations").isEqualTo(1e-3);
    }

    @Test
    void valuesFarFromZeroKeepTheirDigits() throws IOException {
        JsonNode ks = json("test", "ks", "--samples", INPUTS.resolve("offset.npy").toString(), "--against",
                "uniform(1e8,100000010)", "--json");
        assertMatches(ks, "offset ks1");
    }

    @Test
    void valuesNearZeroAreNotFlushedToZero() throws IOException {
        JsonNode ks = json("test", "ks", "--samples", INPUTS.resolve("tiny.npy").toString(), "--against",
                "normal(0,1e-50)", "--json");
        assertMatches(ks, "tiny ks1");
    }

    @Test
    void anAuditCountsOnlyEqualFloat64RowsAsExactDuplicates(@TempDir Path dir) throws IOException {
        Samples training = SampleFiles.readSamples(Path.of("fixtures/data/ring8_train.csv"));
        int rows = 200;
        double[] near = new double[rows * 2];
        double[] same = new double[rows * 2];
        for (int r = 0; r < rows; r++) {
            near[2 * r] = training.value(r, 0) + 2e-9;
            near[2 * r + 1] = training.value(r, 1);
            same[2 * r] = training.value(r, 0);
            same[2 * r + 1] = training.value(r, 1);
        }
        Path nearFile = dir.resolve("near.npy");
        Path sameFile = dir.resolve("same.npy");
        SampleFiles.write(nearFile, Samples.of(rows, 2, near));
        SampleFiles.write(sameFile, Samples.of(rows, 2, same));
        String train = "fixtures/data/ring8_train.csv";
        JsonNode nearAudit = audit(nearFile, train);
        JsonNode sameAudit = audit(sameFile, train);
        assertThat(metric(nearAudit, "exactDuplicates")).isZero();
        assertThat(metric(nearAudit, "dcrTrainMedian")).isBetween(1.9e-9, 2.1e-9);
        assertThat(metric(sameAudit, "exactDuplicates")).isEqualTo(rows);
    }

    /** Audits samples that are all near-copies: the audit fails (exit 1) and prints its JSON. */
    private static JsonNode audit(Path samples, String train) throws IOException {
        Cli cli = Cli.run("audit", "--samples", samples.toString(), "--train", train, "--json");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.status()).isEqualTo(1);
        return new ObjectMapper().readTree(cli.out());
    }

    private static double metric(JsonNode audit, String name) {
        List<JsonNode> found = audit.findValues(name);
        assertThat(found).as("metric %s in %s", name, audit).isNotEmpty();
        return found.get(0).asDouble();
    }
}
