package io.github.latentcheck.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.data.SampleFiles;
import io.github.latentcheck.data.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holds the metrics to fixtures/reference/feature_metrics.csv (make_feature_metrics_reference.py). */
class FeatureMetricsTest {
    private static final Path REFERENCE = Path.of("fixtures/reference");

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> expected = new HashMap<>();
        for (String line : Files.readAllLines(REFERENCE.resolve("feature_metrics.csv"))) {
            if (line.startsWith("#") || line.startsWith("case,")) {
                continue;
            }
            String[] cells = line.split(",");
            expected.put(cells[0] + "/" + cells[1], Double.parseDouble(cells[2]));
        }
        return expected;
    }

    /** {generated, real}: both sets differ in size (500 vs 700, 597 vs 1200). */
    private static Samples[] data(String name) {
        if (name.equals("digits64")) {
            return new Samples[] {SampleFiles.readSamples(Path.of("fixtures/data/digits_holdout.npy")),
                SampleFiles.readSamples(Path.of("fixtures/data/digits_train.npy"))};
        }
        return new Samples[] {SampleFiles.readSamples(REFERENCE.resolve("feature_metrics_inputs/" + name + "-generated.npy")),
            SampleFiles.readSamples(REFERENCE.resolve("feature_metrics_inputs/" + name + "-real.npy"))};
    }

    private static void assertRelative(String key, double actual, double expected, double tolerance) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertThat(error).as("%s: %s vs numpy %s, relative error %s", key, actual, expected, error)
                .isLessThanOrEqualTo(tolerance);
    }

    /**
     * FD at 1e-9 relative on full-rank covariances; digits has constant pixels, so both covariances are singular
     * and eigenvalues near 0 lose up to sqrt(eps) in their square roots (see FrechetDistance): 1e-6 there. KID's
     * MMD² and Vendi are sums and eigenvalue entropies of well-conditioned matrices: 1e-10. α-precision, β-recall
     * and authenticity are counts over the same exact distances: 1e-12 absolute.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gauss12", "digits64"})
    void agreesWithTheNumpyReference(String name) throws IOException {
        Map<String, Double> expected = reference();
        Samples[] d = data(name);
        double fdTolerance = name.equals("gauss12") ? 1e-9 : 1e-6;
        assertRelative(name + "/fd", FrechetDistance.distance(d[0], d[1]), expected.get(name + "/fd"), fdTolerance);

        int[] sizes = FrechetDistance.withDefaults().subsetSizes(d[0].rows());
        double[] values = new double[sizes.length];
        for (int j = 0; j < sizes.length; j++) {
            values[j] = FrechetDistance.distance(d[0].slice(0, sizes[j]), d[1]);
        }
        double infinity = FrechetDistance.extrapolate(sizes, values)[0];
        assertThat(infinity).as("FD-infinity on prefixes").isCloseTo(expected.get(name + "/fd_inf_prefix"),
                within(fdTolerance * 10 * Math.abs(expected.get(name + "/fd"))));

        double kid = KernelInceptionDistance.mmd2(d[0], d[1]);
        assertThat(kid).as("KID MMD²").isCloseTo(expected.get(name + "/kid_mmd2"), within(1e-12));

        Samples head = d[0].slice(0, 300);
        assertRelative(name + "/vendi_cosine", VendiScore.withDefaults().withBootstrap(2).compute(head).score(),
                expected.get(name + "/vendi_cosine"), 1e-10);
        assertRelative(name + "/vendi_cosine_all", VendiScore.withDefaults().withBootstrap(2).compute(d[0]).score(),
                expected.get(name + "/vendi_cosine_all"), 1e-10);
        assertRelative(name + "/vendi_rbf", VendiScore.withDefaults().withKernel(VendiScore.Kernel.RBF)
                .withBandwidth(1.5).withBootstrap(2).compute(head).score(), expected.get(name + "/vendi_rbf"), 1e-10);

        Faithfulness.Result f = Faithfulness.withDefaults().withBootstrap(20).withThreads(2).compute(d[0], d[1]);
        assertThat(f.alphaPrecision()).isCloseTo(expected.get(name + "/alpha_precision"), within(1e-12));
        assertThat(f.betaRecall()).isCloseTo(expected.get(name + "/beta_recall"), within(1e-12));
        assertThat(f.authenticity()).isCloseTo(expected.get(name + "/authenticity"), within(1e-12));
        assertThat(f.authenticityLower()).isLessThanOrEqualTo(f.authenticity());
        assertThat(f.authenticityUpper()).isGreaterThanOrEqualTo(f.authenticity());
    }

    /**
     * More synthetic rows than real ones (700 against 500): the authors' code, which indexes the real rows' neighbour
     * distances with synthetic indices, would read past them; here each synthetic row is compared with its own
     * nearest real row, exactly as a brute-force count does (a count: equal to the last bit).
     */
    @Test
    void authenticityIsPerSyntheticRowWithMoreSyntheticThanRealRows() {
        Samples[] d = data("gauss12");
        Samples synthetic = d[1];
        Samples real = d[0];
        assertThat(synthetic.rows()).isGreaterThan(real.rows());
        double authenticity = Faithfulness.withDefaults().withBootstrap(2).compute(synthetic, real).authenticity();
        assertThat(authenticity).isEqualTo(IntervalCoverage.authenticFraction(synthetic, real));
    }

    @Test
    void vendiDualAndGramFormsAgree() {
        Samples s = gaussian(8, 5, 3, 0);
        Samples wide = Samples.of(8, 5, s.toArray());
        double viaGram = VendiScore.withDefaults().withBootstrap(2).compute(wide).score();
        double[] eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.BlockRealMatrix(cosineGram(wide))).getRealEigenvalues();
        assertThat(viaGram).isCloseTo(VendiScore.score(eig), within(1e-12));
        assertThat(VendiScore.withDefaults().withBootstrap(2).compute(Samples.of(2, 3, new double[] {1, 2, 3, 2, 4, 6}))
                .score()).as("two parallel rows are one").isCloseTo(1.0, within(1e-12));
    }

    private static double[][] cosineGram(Samples s) {
        int n = s.rows();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] a = s.row(i);
                double[] b = s.row(j);
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int c = 0; c < a.length; c++) {
                    dot += a[c] * b[c];
                    na += a[c] * a[c];
                    nb += b[c] * b[c];
                }
                k[i][j] = dot / Math.sqrt(na * nb) / n;
            }
        }
        return k;
    }

    @Test
    void intervalsDoNotDependOnTheThreadCount() {
        Samples gen = gaussian(300, 6, 1, 0.3);
        Samples real = gaussian(400, 6, 2, 0);
        FrechetDistance.Result f1 = FrechetDistance.withDefaults().withBootstrap(40).withSeed(7).withThreads(1)
                .compute(gen, real);
        FrechetDistance.Result f2 = FrechetDistance.withDefaults().withBootstrap(40).withSeed(7).withThreads(3)
                .compute(gen, real);
        assertThat(f2).usingRecursiveComparison().isEqualTo(f1);
        assertThat(f1.lower()).isLessThan(f1.distance());
        assertThat(f1.upper()).isGreaterThan(f1.distance());
        KernelInceptionDistance kid = KernelInceptionDistance.withDefaults().withSubsetSize(200).withSubsets(20)
                .withPermutations(99).withBootstrap(40).withSeed(7);
        assertThat(kid.withThreads(3).compute(gen, real)).isEqualTo(kid.withThreads(1).compute(gen, real));
        VendiScore v = VendiScore.withDefaults().withBootstrap(40).withSeed(7);
        assertThat(v.withThreads(3).compute(gen)).isEqualTo(v.withThreads(1).compute(gen));
    }

    @Test
    void kidBeyondTheTableLimitComputesEachSubsetsTableAndAgrees() {
        int rows = KernelInceptionDistance.GRAM_LIMIT / 2 + 50;
        Samples gen = gaussian(rows, 3, 5, 0.5);
        Samples real = gaussian(rows, 3, 6, 0);
        KernelInceptionDistance kid = KernelInceptionDistance.withDefaults().withSubsetSize(rows).withSubsets(2)
                .withMaxRows(300).withPermutations(19).withBootstrap(20);
        KernelInceptionDistance.Result r = kid.withThreads(2).compute(gen, real);
        double full = KernelInceptionDistance.mmd2(gen, real);
        assertThat(r.mean()).as("every subset is all rows; sums in another order").isCloseTo(full, within(1e-12));
        assertThat(r.sd()).isCloseTo(0, within(1e-12));
        assertThat(r.lower()).isLessThan(r.statistic());
        assertThat(r.upper()).isGreaterThan(r.statistic());
        assertThat(kid.withThreads(1).compute(gen, real)).isEqualTo(r);
    }

    @Test
    void kidWithOneFullSubsetIsTheFullEstimate() {
        Samples gen = gaussian(150, 4, 3, 1.0);
        Samples real = gaussian(150, 4, 4, 0);
        KernelInceptionDistance.Result r = KernelInceptionDistance.withDefaults().withSubsetSize(150).withSubsets(3)
                .withPermutations(199).withBootstrap(50).withThreads(2).compute(gen, real);
        double full = KernelInceptionDistance.mmd2(gen, real);
        assertThat(r.mean()).isCloseTo(full, within(1e-12));
        assertThat(r.sd()).isCloseTo(0, within(1e-12));
        assertThat(r.statistic()).isCloseTo(full, within(1e-12));
        assertThat(r.pValue()).as("a shift of 1 sd in one of 4 dimensions at 150 rows").isLessThanOrEqualTo(0.01);
        assertThat(r.lower()).isLessThan(full);
        assertThat(r.upper()).isGreaterThan(full);
    }

    /**
     * Under H0 the permutation p-value is uniform: over 200 seeded repetitions the rejections at 0.1 are
     * Binomial(200, 0.1); the bounds 8..34 fail with about 0.2% probability (fixed seeds: deterministic here).
     */
    @Test
    void kidPermutationPValueIsCalibratedUnderTheNull() {
        int rejected = 0;
        for (int rep = 0; rep < 200; rep++) {
            Samples a = gaussian(25, 2, 1000 + rep, 0);
            Samples b = gaussian(25, 2, 5000 + rep, 0);
            double p = KernelInceptionDistance.withDefaults().withSubsets(1).withPermutations(99).withBootstrap(2)
                    .withSeed(rep).withThreads(1).compute(a, b).pValue();
            rejected += p <= 0.1 ? 1 : 0;
        }
        assertThat(rejected).isBetween(8, 34);
    }

    @Test
    void fdInfinityIsBelowTheBiasedEstimateForEqualDistributions() {
        Samples gen = gaussian(2000, 4, 11, 0);
        Samples real = gaussian(20000, 4, 12, 0);
        FrechetDistance.Result r = FrechetDistance.withDefaults().withBootstrap(20).withThreads(2).compute(gen, real);
        // E[FD_N] ≈ tr Σ / N + … = 4/2000 for the mean term: the bias dominates FD here
        assertThat(r.bias()).isGreaterThan(0);
        assertThat(Math.abs(r.infinity())).isLessThan(r.distance());
        assertThat(r.distance()).isBetween(0.0005, 0.01);
    }

    private static Samples gaussian(int n, int d, long seed, double shift) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.sample() + (i % d == 0 ? shift : 0);
        }
        return Samples.of(n, d, v);
    }
}
