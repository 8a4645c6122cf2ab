package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.concurrent.Tasks;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded permutation p-values for tests that compare groups of a pooled sample (k-sample
 * Anderson–Darling, two-sample Cramér–von Mises, MMD, energy distance).
 *
 * <p>Under H0 (all groups from one distribution) the group labels are exchangeable. With \(T_0\) the
 * observed statistic and \(T_1, \dots, T_B\) the statistics of \(B\) uniformly random relabellings,
 * \[ p = \frac{1 + \#\{b : T_b \ge T_0\}}{B + 1}, \]
 * which is a valid p-value, \(P(p \le \alpha) \le \alpha\), for every \(B\) (Phipson &amp; Smyth 2010,
 * doi:10.2202/1544-6115.1585); its Monte Carlo standard error about the exact permutation p-value
 * is about \(\sqrt{p(1-p)/B}\). As in scipy's {@code permutation_test}, \(T_b \ge T_0\) is decided with
 * a relative tolerance of \(100\,\epsilon\) so that rounding does not split exact ties.
 *
 * <p>Reproducibility: the \(B\) permutations are drawn in blocks of {@value #BLOCK}; block \(b\) uses
 * the \(b\)-th jump of a XoShiRo256++ generator seeded with the seed (Commons RNG), so the p-value
 * depends on the seed and \(B\), never on the number of threads.
 *
 * <p>Immutable: {@link #of(int, long)}, {@link #withThreads(int)}.
 */
public final class Permutations {
    /** The default number of permutations, \(B = 999\). */
    public static final int DEFAULT_PERMUTATIONS = 999;
    /** Permutations per random stream. */
    static final int BLOCK = 64;
    private static final double TIE_TOLERANCE = 100 * Math.ulp(1.0);

    /** A statistic of a labelling of the pooled sample; one instance per block, so it may keep scratch space. */
    @FunctionalInterface
    public interface Statistic {
        /**
         * @param labels the group of each pooled observation (0-based), in the pooled order
         * @return the statistic; larger values are evidence against H0
         */
        double of(int[] labels);
    }

    /**
     * The statistics of a block of labellings at once, so that a statistic over a large precomputed
     * matrix can read each part of it once per block rather than once per labelling; one instance per
     * block.
     */
    @FunctionalInterface
    public interface BatchStatistic {
        /**
         * @param labels labellings of the pooled sample (each as in {@link Statistic#of(int[])})
         * @param out receives the statistic of each labelling
         */
        void of(int[][] labels, double[] out);
    }

    private final int permutations;
    private final long seed;
    private final int threads;

    private Permutations(int permutations, long seed, int threads) {
        this.permutations = permutations;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * @param permutations the number of permutations \(B\), at least 1
     * @param seed the seed
     * @return the options, on one thread
     * @throws InvalidInputException if {@code permutations} is below 1
     */
    public static Permutations of(int permutations, long seed) {
        if (permutations < 1) {
            throw new InvalidInputException("permutations is not at least 1: " + permutations);
        }
        return new Permutations(permutations, seed, 1);
    }

    /**
     * @param count the number of threads, at least 1 (the result does not depend on it)
     * @return a copy using {@code count} threads
     * @throws InvalidInputException if {@code count} is below 1
     */
    public Permutations withThreads(int count) {
        if (count < 1) {
            throw new InvalidInputException("threads is not at least 1: " + count);
        }
        return new Permutations(permutations, seed, count);
    }

    /** @return the number of permutations \(B\) */
    public int permutations() {
        return permutations;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * A test that rejects when its p-value is below \(\alpha\) ({@link TestResult#reject}) rejects with this p-value
     * exactly when \(C \le K\), \(C = \#\{T_b \ge T_0\}\).
     *
     * @param permutations the number of permutations \(B\), at least 1
     * @param alpha the level
     * @return \(K\), the largest count with \((K + 1)/(B + 1) &lt; \alpha\) in the p-value's own arithmetic, or
     *     -1 when there is none: the p-value is never below \(1/(B + 1)\), so at \(\alpha \le 1/(B + 1)\) the test
     *     cannot reject, whatever the data
     */
    public static int largestRejectingCount(int permutations, double alpha) {
        int k = (int) Math.min(permutations, Math.ceil(alpha * (permutations + 1.0)));
        while (k >= 0 && !((k + 1.0) / (permutations + 1.0) < alpha)) {
            k--;
        }
        return k;
    }

    /**
     * @param alpha the level, in (0, 1)
     * @return the fewest permutations \(B\) whose p-value can be below \(\alpha\), that is with
     *     \(1/(B + 1) &lt; \alpha\)
     */
    public static int fewestPermutationsBelow(double alpha) {
        int b = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1L, (long) Math.floor(1 / alpha) - 1));
        while (largestRejectingCount(b, alpha) < 0) {
            b++;
        }
        return b;
    }

    /**
     * @param labels the observed labelling (not modified)
     * @param observed the observed statistic \(T_0\)
     * @param statistics makes one statistic per block
     * @return \((1 + \#\{T_b \ge T_0\}) / (B + 1)\)
     */
    double pValue(int[] labels, double observed, Supplier<Statistic> statistics) {
        Objects.requireNonNull(statistics, "statistics");
        return pValueBatched(labels, observed, () -> {
            Statistic statistic = statistics.get();
            return (batch, out) -> {
                for (int r = 0; r < batch.length; r++) {
                    out[r] = statistic.of(batch[r]);
                }
            };
        });
    }

    /**
     * The permutation p-value with the labellings evaluated a block of {@value #BLOCK} at a time: block b
     * shuffles a copy of the labels with the b-th jump of the seeded XoShiRo256++ stream, so the
     * labellings do not depend on the threads. {@link #pValue(int[], double, Supplier)} evaluates the same
     * labellings one at a time.
     *
     * @param labels the observed labelling (not modified)
     * @param observed the observed statistic \(T_0\)
     * @param statistics makes one batch statistic per block
     * @return \((1 + \#\{T_b \ge T_0\}) / (B + 1)\)
     */
    double pValueBatched(int[] labels, double observed, Supplier<BatchStatistic> statistics) {
        Objects.requireNonNull(statistics, "statistics");
        int blocks = (permutations + BLOCK - 1) / BLOCK;
        JumpableUniformRandomProvider root = (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed);
        List<UniformRandomProvider> streams = root.jumps(blocks).collect(Collectors.toList());
        long[] counts = new long[blocks];
        double threshold = observed - TIE_TOLERANCE * Math.abs(observed);
        Tasks.run(blocks, threads, b -> {
            UniformRandomProvider rng = streams.get(b);
            int end = Math.min(permutations, (b + 1) * BLOCK);
            int[][] batch = new int[end - b * BLOCK][];
            int[] shuffled = labels.clone();
            for (int r = 0; r < batch.length; r++) {
                for (int i = shuffled.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = shuffled[i];
                    shuffled[i] = shuffled[j];
                    shuffled[j] = t;
                }
                batch[r] = shuffled.clone();
            }
            double[] values = new double[batch.length];
            statistics.get().of(batch, values);
            long count = 0;
            for (double v : values) {
                count += v >= threshold ? 1 : 0;
            }
            counts[b] = count;
        });
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return (total + 1.0) / (permutations + 1.0);
    }
}
