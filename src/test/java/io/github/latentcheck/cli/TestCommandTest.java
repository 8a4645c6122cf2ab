package io.github.latentcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.latentcheck.check.CheckInput;
import io.github.latentcheck.stats.Alternative;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.KolmogorovSmirnovTwoSampleResult;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.MonteCarloNull;
import io.github.latentcheck.stats.Multivariate;
import io.github.latentcheck.stats.PValueChoice;
import io.github.latentcheck.stats.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code latentcheck test}: the JSON contract, agreement with the library, and one-line refusals. */
class TestCommandTest {
    private static final double[] A = {0.12, -1.3, 0.57, 2.2, -0.41, 0.93, -0.08, 1.4, -2.05, 0.33, 0.71, -0.66};
    private static final double[] B = {0.9, 1.7, 0.2, 2.9, 1.15, 0.48, 1.95, 2.4, 0.05, 1.33};

    private static Path csv(Path dir, String name, double[] first, double[] second) throws IOException {
        StringBuilder text = new StringBuilder(second == null ? "x\n" : "x,y\n");
        for (int i = 0; i < first.length; i++) {
            text.append(first[i]);
            if (second != null) {
                text.append(',').append(second[i % second.length]);
            }
            text.append('\n');
        }
        return Files.writeString(dir.resolve(name), text.toString(), StandardCharsets.UTF_8);
    }

    /** The JSON a test printed; its exit status is 1 exactly when its verdict rejects. */
    private static JsonNode json(Cli cli) throws IOException {
        assertThat(cli.err()).isEmpty();
        JsonNode result = new ObjectMapper().readTree(cli.out());
        assertThat(result.fieldNames()).toIterable().as("one shape for any number of results")
                .containsExactly("test", "samples", "alpha", "correction", "verdict", "results");
        for (JsonNode r : result.get("results")) {
            assertThat(r.fieldNames()).toIterable().as("every result has the same keys").containsExactly("test",
                    "column", "n", "m", "statistic", "pValue", "logPValue", "adjustedPValue", "rejected", "method",
                    "ties");
        }
        assertThat(cli.status()).isEqualTo(result.path("verdict").asText().equals("failed") ? 1 : 0);
        return result;
    }

    /** @return the one result of a test's JSON object */
    private static JsonNode only(Cli cli) throws IOException {
        JsonNode results = json(cli).get("results");
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void oneSampleTestsPrintTheDesignObjectAndAgreeWithTheLibrary(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "a.csv", A, null);
        JsonNode root = json(Cli.run("test", "ks", "--samples", file.toString(), "--against", "normal(0,1)", "--json"));
        assertThat(root.get("test").asText()).isEqualTo("ks");
        assertThat(root.get("samples").asText()).isEqualTo(file.toString());
        assertThat(root.get("alpha").asDouble()).isEqualTo(0.05);
        JsonNode ks = root.get("results").get(0);
        assertThat(root.get("results")).hasSize(1);
        assertThat(ks.get("test").asText()).isEqualTo("ks");
        assertThat(ks.get("column").asText()).isEqualTo("x");
        assertThat(ks.get("ties").isNull()).isTrue();
        assertThat(ks.get("n").asInt()).isEqualTo(12);
        assertThat(ks.get("m").isNull()).isTrue();
        double[] x = A.clone();
        TestResult library = KolmogorovSmirnov.oneSample(x, NormalDistribution.of(0, 1)::cumulativeProbability);
        assertThat(ks.get("pValue").asDouble()).isEqualTo(library.pValue());
        assertThat(ks.get("logPValue").asDouble()).isEqualTo(library.logPValue());
        JsonNode ad = only(Cli.run("test", "ad", "--samples", file.toString(), "--against", "normal(0.5, 2)", "--json"));
        assertThat(ad.get("statistic").asDouble()).isEqualTo(
                AndersonDarling.oneSample(x, NormalDistribution.of(0.5, 2)).statistic());
        JsonNode normality = only(Cli.run("test", "normality", "--samples", file.toString(), "--json"));
        assertThat(normality.get("pValue").asDouble()).isEqualTo(AndersonDarling.normality(x).pValue());
        JsonNode moments = json(Cli.run("test", "moments", "--samples", file.toString(), "--against", "uniform(-3,3)",
                "--json"));
        assertThat(moments.get("results")).hasSize(4);
        assertThat(moments.get("results").get(0).get("test").asText()).isEqualTo("moments-mean");
    }

    /**
     * Up to 500 values the skewness and kurtosis p-values come from a seeded Monte Carlo null under the
     * --against distribution (B = --permutations, streams 0 and 1 of --seed for the first column), as the
     * moments check computes them; --method asymptotic gives the normal approximations.
     */
    @Test
    void momentsUseTheMonteCarloNullForSmallSamples(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "a.csv", A, null);
        double[] x = A.clone();
        CentralMoments ref = CentralMoments.uniform(-3, 3);
        UniformContinuousDistribution uniform = UniformContinuousDistribution.of(-3, 3);
        JsonNode mc = json(Cli.run("test", "moments", "--samples", file.toString(), "--against", "uniform(-3,3)",
                "--permutations", "199", "--seed", "5", "--json")).get("results");
        TestResult skewness = MomentTests.skewness(x, ref, MonteCarloNull.of(uniform, 199, CheckInput.seedOf(5, 0)));
        TestResult kurtosis = MomentTests.kurtosis(x, ref, MonteCarloNull.of(uniform, 199, CheckInput.seedOf(5, 1)));
        assertThat(mc.get(2).get("test").asText()).isEqualTo("moments-skewness");
        assertThat(mc.get(2).get("method").asText()).isEqualTo("estimate");
        assertThat(mc.get(2).get("pValue").asDouble()).isEqualTo(skewness.pValue());
        assertThat(mc.get(3).get("pValue").asDouble()).isEqualTo(kurtosis.pValue());
        assertThat(mc.get(0).get("method").asText()).as("the mean test is exact or asymptotic, never simulated")
                .isNotEqualTo("estimate");
        JsonNode asymptotic = json(Cli.run("test", "moments", "--samples", file.toString(), "--against",
                "uniform(-3,3)", "--method", "asymptotic", "--json")).get("results");
        assertThat(asymptotic.get(2).get("pValue").asDouble()).isEqualTo(MomentTests.skewness(x, ref).pValue());
        assertThat(asymptotic.get(3).get("method").asText()).isEqualTo("asymptotic");
    }

    @Test
    void twoSampleTestsRunPerColumnAndOnVectors(@TempDir Path dir) throws IOException {
        Path a = csv(dir, "a.csv", A, B);
        Path b = csv(dir, "b.csv", B, A);
        JsonNode cvm = json(Cli.run("test", "cvm", "--samples", a.toString(), "--against", b.toString(), "--json"));
        assertThat(cvm.get("results")).hasSize(2);
        JsonNode first = cvm.get("results").get(0);
        assertThat(first.get("method").asText()).isEqualTo("exact");
        assertThat(first.get("pValue").asDouble()).isEqualTo(CramerVonMises.twoSample(A.clone(), B.clone()).pValue());
        JsonNode ks = only(Cli.run("test", "ks", "--samples", a.toString(), "--against", b.toString(), "--column", "x",
                "--alternative", "less", "--json"));
        assertThat(ks.get("m").asInt()).isEqualTo(10);
        KolmogorovSmirnovTwoSampleResult expected = KolmogorovSmirnov.twoSample(A.clone(), B.clone(), Alternative.LESS,
                PValueChoice.AUTO);
        assertThat(ks.get("pValue").asDouble()).isEqualTo(expected.result().pValue());
        assertThat(ks.get("ties").asBoolean()).isEqualTo(expected.hasTies());
        JsonNode energy = only(Cli.run("test", "energy", "--samples", a.toString(), "--against", b.toString(),
                "--permutations", "199", "--seed", "3", "--json"));
        assertThat(energy.get("method").asText()).isEqualTo("permutation");
        assertThat(energy.get("pValue").asDouble() * 200).isEqualTo(Math.rint(energy.get("pValue").asDouble() * 200));
        Cli table = Cli.run("test", "mmd", "--samples", a.toString(), "--against", b.toString(), "--permutations", "99");
        assertThat(table.status()).as("exit 1 exactly when the verdict line says FAILED")
                .isEqualTo(table.out().contains(": FAILED (rejected)") ? 1 : 0);
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("column").contains("p-value")
                .contains("adjusted p");
    }

    @Test
    void henzeZirklerTestsAllColumnsAsVectors(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "a.csv", A, B);
        JsonNode hz = only(Cli.run("test", "hz", "--samples", file.toString(), "--json"));
        assertThat(hz.get("test").asText()).isEqualTo("hz");
        assertThat(hz.get("column").isNull()).isTrue();
        assertThat(hz.get("n").asInt()).isEqualTo(12);
        double[] rows = new double[24];
        for (int i = 0; i < 12; i++) {
            rows[2 * i] = A[i];
            rows[2 * i + 1] = B[i % B.length];
        }
        TestResult expected = Multivariate.henzeZirkler(rows, 2, MonteCarloNull.of(NormalDistribution.of(0, 1), 999,
                CheckInput.seedOf(0, 0)).withMaxSampleSize(Multivariate.MONTE_CARLO_MAX_ROWS));
        assertThat(hz.get("statistic").asDouble()).isEqualTo(expected.statistic());
        assertThat(hz.get("pValue").asDouble()).isEqualTo(expected.pValue());
        assertThat(hz.get("method").asText()).isEqualTo("estimate");
        JsonNode asymptotic = only(Cli.run("test", "hz", "--samples", file.toString(), "--method", "asymptotic", "--json"));
        assertThat(asymptotic.get("pValue").asDouble()).isEqualTo(Multivariate.henzeZirkler(rows, 2).pValue());
        assertThat(asymptotic.get("method").asText()).isEqualTo("asymptotic");
    }

    /**
     * jb and k2 test normality with estimated mean and sd: Monte Carlo up to 500 values (standard normal
     * draws, B = --permutations, stream c of --seed for column c), the χ²₂ tail with --method asymptotic.
     */
    @Test
    void omnibusMomentTestsUseTheMonteCarloNullForSmallSamples(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "a.csv", A, null);
        double[] x = A.clone();
        NormalDistribution normal = NormalDistribution.of(0, 1);
        JsonNode jb = only(Cli.run("test", "jb", "--samples", file.toString(), "--permutations", "199", "--seed", "5",
                "--json"));
        assertThat(jb.get("test").asText()).isEqualTo("jb");
        assertThat(jb.get("method").asText()).isEqualTo("estimate");
        assertThat(jb.get("pValue").asDouble())
                .isEqualTo(MomentTests.jarqueBera(x, MonteCarloNull.of(normal, 199, CheckInput.seedOf(5, 0))).pValue());
        JsonNode k2 = only(Cli.run("test", "k2", "--samples", file.toString(), "--method", "asymptotic", "--json"));
        assertThat(k2.get("statistic").asDouble()).isEqualTo(MomentTests.dagostinoPearson(x).statistic());
        assertThat(k2.get("logPValue").asDouble()).isEqualTo(-MomentTests.dagostinoPearson(x).statistic() / 2);
        assertThat(k2.get("method").asText()).isEqualTo("asymptotic");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ks --against normal(0,1 | --against 'normal(0,1' is not normal(mu,sigma), uniform(a,b), t(df) or exponential(rate)",
        "ks --against normal(0,-1) | --against 'normal(0,-1)': sigma is not strictly positive: -1.0",
        "ks --against t(1,2) | --against 't(1,2)' is not normal(mu,sigma), uniform(a,b), t(df) or exponential(rate)",
        "ks --against normal(0x1p3,1) | --against 'normal(0x1p3,1)': '0x1p3' is not a finite number",
        "ks --against uniform(1,1) | --against 'uniform(1,1)': b is not above a",
        "ad --against normal(0,1) --alternative less | --alternative less applies to ks only",
        "ks --against normal(0,1) --method fast | --method is not one of auto, exact, asymptotic: 'fast'",
        "ad --against normal(0,1) --method exact | --method exact applies to ks, to cvm with two samples and (asymptotic) to moments, jb, k2 and hz only",
        "moments --against normal(0,1) --method exact | --method exact applies to ks, to cvm with two samples and (asymptotic) to moments, jb, k2 and hz only",
        "chi2 --against normal(0,1) | TEST is not one of ks, ad, cvm, moments, normality, jb, k2, hz, mmd, energy: 'chi2'",
        "jb --against normal(0,1) | jb estimates the mean and sd and takes no --against",
        "hz --against normal(0,1) | hz estimates the mean and covariance and takes no --against",
        "moments --against t(5) | moments tests against normal(mu,sigma) or uniform(a,b), not t(5)",
        "ks | ks needs --against DIST or FILE",
        "ks --against normal(0,1) --column z | SAMPLE: no column 'z' (columns: x)"})
    void badInputIsOneLineAndExitTwo(String args, String message, @TempDir Path dir) throws IOException {
        Path file = csv(dir, "a.csv", A, null);
        String[] words = args.split(" ");
        String[] argv = new String[words.length + 3];
        argv[0] = "test";
        argv[1] = words[0];
        argv[2] = "--samples";
        argv[3] = file.toString();
        System.arraycopy(words, 1, argv, 4, words.length - 1);
        Cli cli = Cli.run(argv);
        assertThat(cli.status()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().lines()).containsExactly("latentcheck: " + message.replace("SAMPLE", file.toString()));
    }

    @Test
    void theVerdictRejectsWhereAHolmAdjustedPValueIsBelowAlpha(@TempDir Path dir) throws IOException {
        Path file = csv(dir, "shifted.csv", A, B);
        Cli cli = Cli.run("test", "ks", "--samples", file.toString(), "--against", "normal(0,1)", "--json");
        assertThat(cli.err()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(cli.out());
        double[] p = new double[2];
        for (int c = 0; c < 2; c++) {
            p[c] = root.get("results").get(c).get("pValue").asDouble();
        }
        double[] adjusted = io.github.latentcheck.stats.MultipleTesting.holm(p);
        boolean rejected = adjusted[0] < 0.05 || adjusted[1] < 0.05;
        assertThat(root.get("correction").asText()).isEqualTo("holm");
        assertThat(root.get("results").get(1).get("adjustedPValue").asDouble()).isEqualTo(adjusted[1]);
        assertThat(root.get("verdict").asText()).isEqualTo(rejected ? "failed" : "passed");
        assertThat(cli.status()).isEqualTo(rejected ? 1 : 0);
        Cli strict = Cli.run("test", "ks", "--samples", file.toString(), "--against", "normal(0,1)", "--column", "y",
                "--alpha", "0.999999");
        assertThat(strict.status()).as("column y (mean about 1.3) against N(0, 1)").isEqualTo(1);
        assertThat(strict.out()).contains(": FAILED (rejected) at alpha 0.999999");
        Cli bad = Cli.run("test", "ks", "--samples", file.toString(), "--against", "normal(0,1)", "--alpha", "2");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().lines()).containsExactly("latentcheck: --alpha is not in (0, 1): 2.0");
    }

    @Test
    void distributionsParseStrictly() {
        assertThat(TestCommand.parseDistribution("exponential(2)").getMean()).isEqualTo(0.5);
        assertThat(TestCommand.parseDistribution(" t(4.5) ").getMean()).isZero();
        assertThat(String.format(Locale.ROOT, "%s", TestCommand.parseDistribution("uniform(-1,1)").getVariance()))
                .isEqualTo(String.valueOf(1 / 3.0));
    }
}
