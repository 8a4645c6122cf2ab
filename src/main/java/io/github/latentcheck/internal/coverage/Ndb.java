package io.github.latentcheck.internal.coverage;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.stats.Divergences;
import io.github.latentcheck.stats.LogTails;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.PValueMethod;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The number of statistically different bins (NDB; Richardson and Weiss 2018, arXiv:1805.12462).
 * The training rows are clustered by k-means (k-means++ seeding, Arthur and Vassilvitskii 2007;
 * commons-math3, at most 100 Lloyd iterations) into K = min(bins, max(2, ⌊N / 20⌋)) bins — at
 * least 20 training rows per bin on average — and every training and generated row goes to its
 * nearest centre (Euclidean, ties to the lowest bin). For each bin b with training share
 * p_t = t_b / N and generated share p_g = g_b / M, the two-proportion z-test
 * \(z_b = (p_g - p_t) / \sqrt{\hat p (1 - \hat p)(1/N + 1/M)}\), \(\hat p = (t_b + g_b)/(N + M)\),
 * gives a two-sided asymptotic p-value 2Φ(−|z_b|) (1 when \(\hat p\) is 0 or 1). The p-values are
 * Benjamini–Hochberg adjusted over the K bins; a bin is different when its adjusted p-value is
 * below α (default 0.05). NDB/K is the fraction of different bins; the Jensen–Shannon divergence
 * of the two bin histograms is reported too, as in the paper.
 */
public final class Ndb {
    /** Lloyd iterations at most. */
    static final int MAX_ITERATIONS = 100;
    /** Training rows per bin, at least, on average. */
    static final int ROWS_PER_BIN = 20;

    /** Rows per task when rows are counted per bin. */
    private static final int COUNT_BLOCK = 1024;

    private final int bins;
    private final double alpha;
    private final long seed;
    private final int threads;

    private Ndb(int bins, double alpha, long seed, int threads) {
        this.bins = bins;
        this.alpha = alpha;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: 50 bins, α = 0.05, seed 0, as many threads as available processors.
     *
     * @return NDB with defaults
     */
    public static Ndb withDefaults() {
        return new Ndb(50, 0.05, 0, Tasks.defaultThreads());
    }

    /**
     * @param v the most bins, at least 2
     * @return a copy with that many bins
     */
    public Ndb withBins(int v) {
        if (v < 2) {
            throw new InvalidInputException("bins is not at least 2: " + v);
        }
        return new Ndb(v, alpha, seed, threads);
    }

    /**
     * @param v the level of the Benjamini–Hochberg-adjusted tests, in (0, 1)
     * @return a copy with that level
     */
    public Ndb withAlpha(double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidInputException("alpha is not in (0, 1): " + v);
        }
        return new Ndb(bins, v, seed, threads);
    }

    /**
     * @param v the seed of the k-means++ initialization
     * @return a copy with that seed
     */
    public Ndb withSeed(long v) {
        return new Ndb(bins, alpha, v, threads);
    }

    /**
     * @param v the number of threads, at least 1 (results do not depend on it)
     * @return a copy with that thread count
     */
    public Ndb withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new Ndb(bins, alpha, seed, v);
    }

    /**
     * @param training the training rows, which the bins are fitted on
     * @param generated the generated rows, with the same columns
     * @return the per-bin tests and the summary
     * @throws InvalidInputException if the columns differ or there are fewer than 2 bins' worth of rows
     */
    public Result compute(Samples training, Samples generated) {
        if (training.columns() != generated.columns()) {
            throw new InvalidInputException("the generated samples have " + generated.columns()
                    + " columns but the training data has " + training.columns());
        }
        int n = training.rows();
        int m = generated.rows();
        int k = Math.min(bins, Math.max(2, n / ROWS_PER_BIN));
        if (n < k) {
            throw new InvalidInputException("NDB needs at least " + k + " training rows: " + n);
        }
        int d = training.columns();
        double[] rows = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                rows[i * d + c] = training.value(i, c);
            }
        }
        double[][] centres = KMeansPlusPlus.centres(rows, d, k, MAX_ITERATIONS,
                new ProviderAdapter(RandomSource.XO_SHI_RO_256_PP.create(seed)), threads);
        long[] trainingCounts = counts(training, centres);
        long[] generatedCounts = counts(generated, centres);
        double[] p = new double[centres.length];
        double[] z = new double[centres.length];
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double[] trainingShare = new double[centres.length];
        double[] generatedShare = new double[centres.length];
        for (int b = 0; b < centres.length; b++) {
            trainingShare[b] = (double) trainingCounts[b] / n;
            generatedShare[b] = (double) generatedCounts[b] / m;
            double pooled = (double) (trainingCounts[b] + generatedCounts[b]) / (n + m);
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
            z[b] = se > 0 ? (generatedShare[b] - trainingShare[b]) / se : 0;
            p[b] = se > 0 ? Math.min(1, 2 * normal.survivalProbability(Math.abs(z[b]))) : 1;
        }
        double[] adjusted = MultipleTesting.benjaminiHochberg(p);
        List<TestResult> tests = new ArrayList<>(centres.length);
        int different = 0;
        for (int b = 0; b < centres.length; b++) {
            TestResult t = TestResult.ofLog("bin[" + b + "]", z[b], p[b] == 1 ? 0 : LogTails.normalTwoSided(z[b]),
                    PValueMethod.ASYMPTOTIC)
                    .withAdjustedPValue(adjusted[b]);
            different += t.reject(alpha) ? 1 : 0;
            tests.add(t);
        }
        return new Result(centres.length, different, (double) different / centres.length,
                Divergences.jensenShannon(normalize(trainingShare), normalize(generatedShare)), List.copyOf(tests),
                trainingShare, generatedShare);
    }

    private static double[] normalize(double[] share) {
        double total = 0;
        for (double v : share) {
            total += v;
        }
        double[] out = new double[share.length];
        for (int i = 0; i < share.length; i++) {
            out[i] = share[i] / total;
        }
        return out;
    }

    /** Rows (in blocks of {@value #COUNT_BLOCK} on the threads) per nearest centre, ties to the lowest. */
    private long[] counts(Samples rows, double[][] centres) {
        int blocks = (rows.rows() + COUNT_BLOCK - 1) / COUNT_BLOCK;
        long[][] partial = new long[blocks][centres.length];
        Tasks.run(blocks, threads, block -> {
            int d = rows.columns();
            for (int i = block * COUNT_BLOCK; i < Math.min(rows.rows(), (block + 1) * COUNT_BLOCK); i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int b = 0; b < centres.length; b++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        double diff = rows.value(i, c) - centres[b][c];
                        s += diff * diff;
                    }
                    if (s < bestDistance) {
                        bestDistance = s;
                        best = b;
                    }
                }
                partial[block][best]++;
            }
        });
        long[] counts = new long[centres.length];
        for (long[] p : partial) {
            for (int b = 0; b < counts.length; b++) {
                counts[b] += p[b];
            }
        }
        return counts;
    }

    /**
     * The outcome.
     *
     * @param bins K, the number of bins
     * @param differentBins bins whose adjusted p-value is below α
     * @param ndbFraction differentBins / K
     * @param jsDivergence the Jensen–Shannon divergence of the bin histograms (nats)
     * @param tests one two-proportion z-test per bin, named {@code bin[b]}, BH-adjusted
     * @param trainingShare per bin, the training share t_b / N
     * @param generatedShare per bin, the generated share g_b / M
     */
    public record Result(int bins, int differentBins, double ndbFraction, double jsDivergence, List<TestResult> tests,
            double[] trainingShare, double[] generatedShare) {
    }

    /** Lets the clusterer draw from a seeded Commons RNG stream through commons-math3's generator interface. */
    private static final class ProviderAdapter extends AbstractRandomGenerator {
        private final UniformRandomProvider rng;

        ProviderAdapter(UniformRandomProvider rng) {
            this.rng = rng;
        }

        @Override
        public void setSeed(long seed) {
            throw new UnsupportedOperationException("the stream is seeded when it is made");
        }

        @Override
        public double nextDouble() {
            return rng.nextDouble();
        }
    }
}
