package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * KID, the kernel distance of Bińkowski et al. (2018): the unbiased MMD² with the cubic polynomial
 * kernel \(k(x, y) = (x \cdot y / d + 1)^3\) ({@link TwoSampleDistance#kid}),
 * \[ \widehat{\mathrm{MMD}}^2_u(X, Y) = \frac{1}{m(m-1)}\sum_{i \ne j} k(x_i, x_j) + \frac{1}{m(m-1)}\sum_{i \ne j}
 *    k(y_i, y_j) - \frac{2}{m^2}\sum_{i,j} k(x_i, y_j). \]
 *
 * <p><b>As torch-fidelity reports it.</b> {@code subsets} times (default 100), m = {@code subsetSize} rows
 * (default 1000, capped at the smaller set) are drawn without replacement from each set and the estimate
 * computed; KID is their mean and the reported spread their standard deviation (divisor S, as
 * {@code np.std}). The estimator is unbiased for MMD² at every m, so the mean is too; the standard deviation is
 * the spread of one subset's estimate, not the standard error of the mean (the subsets overlap).
 *
 * <p><b>Test and interval.</b> On at most {@code maxRows} rows per set (default 1000; a seeded draw
 * without replacement) the unbiased estimate with all rows is tested by permutation (H0: one distribution,
 * p = (1 + #{T_b ≥ T_0})/(B + 1), {@link Permutations}) and given a percentile bootstrap interval: a replicate
 * resamples each set with replacement (counts \(c_i\)) and recomputes the estimate over pairs of distinct
 * original rows, \(\sum_{i \ne j} c_i c_j k_{ij} / (n^2 - \sum_i c_i^2)\) within a set, so that a row drawn
 * twice is not paired with itself (that would add \(k(x, x)\), about 8 for standardised rows, and bias the
 * replicate upwards by O(1/n)). The interval's width shrinks as \(1/\sqrt{n}\) when the distributions differ
 * and as 1/n when they do not.
 *
 * <p>Kernel values come from the Gram matrix of the rows, one matrix product ({@link DenseMatrices}): of both
 * sets when they have at most {@value #GRAM_LIMIT} rows together (a table of at most 134 MB), otherwise of each
 * subset's rows and of the rows kept for the test. The sums are the same either way. Subset s, permutation block b and bootstrap replicate r each use
 * their own seeded stream, so the results do not depend on the number of threads.
 *
 * <p>References:
 * <ol>
 * <li>Bińkowski, M., Sutherland, D. J., Arbel, M. &amp; Gretton, A. (2018). Demystifying MMD GANs. ICLR 2018,
 * arXiv:1801.01401.</li>
 * <li>Obukhov, A. et al. (2020). torch-fidelity: high-fidelity performance metrics for generative models in
 * PyTorch, doi:10.5281/zenodo.4957738 ({@code kid_subset_size} 1000, {@code kid_subsets} 100).</li>
 * </ol>
 */
public final class KernelInceptionDistance {
    /** The most pooled rows whose kernel values are kept in memory. */
    static final int GRAM_LIMIT = 4096;

    private final int subsetSize;
    private final int subsets;
    private final int maxRows;
    private final int permutations;
    private final int bootstrap;
    private final double confidence;
    private final long seed;
    private final int threads;

    private KernelInceptionDistance(int subsetSize, int subsets, int maxRows, int permutations, int bootstrap,
            double confidence, long seed, int threads) {
        this.subsetSize = subsetSize;
        this.subsets = subsets;
        this.maxRows = maxRows;
        this.permutations = permutations;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: subsets of 1000 rows, 100 subsets (torch-fidelity's), at most 1000 rows per set for the test
     * and the interval, 999 permutations, 200 bootstrap replicates, confidence 0.95, seed 0, as many threads as
     * processors (the results do not depend on them).
     *
     * @return the metric with defaults
     */
    public static KernelInceptionDistance withDefaults() {
        return new KernelInceptionDistance(1000, 100, 1000, Permutations.DEFAULT_PERMUTATIONS, 200, 0.95, 0,
                Tasks.defaultThreads());
    }

    /**
     * @param v rows per subset, at least 2 (capped at the smaller set)
     * @return a copy
     */
    public KernelInceptionDistance withSubsetSize(int v) {
        return new KernelInceptionDistance(Resampling.checkAtLeast("subset_size", v, 2), subsets, maxRows,
                permutations, bootstrap, confidence, seed, threads);
    }

    /**
     * @param v subsets, at least 1
     * @return a copy
     */
    public KernelInceptionDistance withSubsets(int v) {
        return new KernelInceptionDistance(subsetSize, Resampling.checkAtLeast("subsets", v, 1), maxRows,
                permutations, bootstrap, confidence, seed, threads);
    }

    /**
     * @param v the most rows per set for the test and the interval, at least 2
     * @return a copy
     */
    public KernelInceptionDistance withMaxRows(int v) {
        return new KernelInceptionDistance(subsetSize, subsets, Resampling.checkAtLeast("max_rows", v, 2),
                permutations, bootstrap, confidence, seed, threads);
    }

    /**
     * @param v permutations, at least 1
     * @return a copy
     */
    public KernelInceptionDistance withPermutations(int v) {
        return new KernelInceptionDistance(subsetSize, subsets, maxRows,
                Resampling.checkAtLeast("permutations", v, 1), bootstrap, confidence, seed, threads);
    }

    /**
     * @param v bootstrap replicates, at least 2
     * @return a copy
     */
    public KernelInceptionDistance withBootstrap(int v) {
        return new KernelInceptionDistance(subsetSize, subsets, maxRows, permutations,
                Resampling.checkAtLeast("bootstrap", v, 2), confidence, seed, threads);
    }

    /**
     * @param v the interval's confidence level, in (0, 1)
     * @return a copy
     */
    public KernelInceptionDistance withConfidence(double v) {
        return new KernelInceptionDistance(subsetSize, subsets, maxRows, permutations, bootstrap,
                Resampling.checkConfidence("confidence", v), seed, threads);
    }

    /**
     * @param v the seed of the subsets, the row draw, the permutations and the bootstrap
     * @return a copy
     */
    public KernelInceptionDistance withSeed(long v) {
        return new KernelInceptionDistance(subsetSize, subsets, maxRows, permutations, bootstrap, confidence, v,
                threads);
    }

    /**
     * @param v threads, at least 1
     * @return a copy
     */
    public KernelInceptionDistance withThreads(int v) {
        return new KernelInceptionDistance(subsetSize, subsets, maxRows, permutations, bootstrap, confidence, seed,
                Resampling.checkAtLeast("threads", v, 1));
    }

    /**
     * @param x rows, at least 2
     * @param y rows, at least 2, with the same columns
     * @return the unbiased MMD² with the cubic kernel over all rows
     */
    public static double mmd2(Samples x, Samples y) {
        check(x, y);
        Kernel k = Kernel.of(x, y, false, 1);
        int[] gx = range(0, x.rows());
        int[] gy = range(x.rows(), x.rows() + y.rows());
        return k.unbiased(gx, gy);
    }

    /**
     * @param generated the generated rows, at least 2
     * @param real the real rows, at least 2, with the same columns
     * @return the subset mean and standard deviation, the full-sample estimate, its interval and p-value
     */
    public Result compute(Samples generated, Samples real) {
        check(generated, real);
        int n = generated.rows();
        int m = real.rows();
        boolean tabled = n + m <= GRAM_LIMIT;
        Kernel k = Kernel.of(generated, real, tabled, threads);
        int size = Math.min(subsetSize, Math.min(n, m));
        int keepX = Math.min(maxRows, n);
        int keepY = Math.min(maxRows, m);
        List<UniformRandomProvider> streams = Resampling.streams(seed, subsets + 1 + bootstrap);
        double[] values = new double[subsets];
        Tasks.run(subsets, threads, s -> {
            UniformRandomProvider rng = streams.get(s);
            int[] gx = Resampling.withoutReplacement(rng, n, size);
            int[] gy = shift(Resampling.withoutReplacement(rng, m, size), n);
            values[s] = tabled ? k.unbiased(gx, gy)
                    : k.subset(concat(gx, gy)).unbiased(range(0, size), range(size, 2 * size));
        });
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / subsets);

        UniformRandomProvider draw = streams.get(subsets);
        int[] kx = sorted(Resampling.withoutReplacement(draw, n, keepX));
        int[] ky = shift(sorted(Resampling.withoutReplacement(draw, m, keepY)), n);
        double[] x = rows(generated, kx, 0);
        double[] y = rows(real, ky, n);
        int d = generated.columns();
        TestResult test = TwoSampleDistance.kid(x, y, d,
                Permutations.of(permutations, seed).withThreads(threads));
        Kernel kept = tabled ? k : Kernel.of(Samples.ofOwned(keepX, d, x), Samples.ofOwned(keepY, d, y), true, threads);
        int[] bx = tabled ? kx : range(0, keepX);
        int[] by = tabled ? ky : range(keepX, keepX + keepY);
        double[] replicates = new double[bootstrap];
        Tasks.run(bootstrap, threads, r -> {
            UniformRandomProvider rng = streams.get(subsets + 1 + r);
            replicates[r] = kept.weighted(bx, Resampling.counts(rng, keepX), by, Resampling.counts(rng, keepY));
        });
        double[] interval = Resampling.percentileInterval(replicates, confidence);
        return new Result(mean, sd, size, subsets, test.statistic(), interval[0], interval[1], test.pValue(), keepX,
                keepY);
    }

    private static void check(Samples x, Samples y) {
        if (x.columns() != y.columns()) {
            throw new InvalidInputException("the two sets have " + x.columns() + " and " + y.columns() + " columns");
        }
        if (x.rows() < 2 || y.rows() < 2) {
            throw new InvalidInputException("KID needs at least 2 rows in each set: " + x.rows() + " and " + y.rows());
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static int[] shift(int[] index, int by) {
        for (int i = 0; i < index.length; i++) {
            index[i] += by;
        }
        return index;
    }

    private static int[] sorted(int[] index) {
        Arrays.sort(index);
        return index;
    }

    private static double[] rows(Samples s, int[] pooledIndex, int offset) {
        int d = s.columns();
        double[] out = new double[pooledIndex.length * d];
        for (int i = 0; i < pooledIndex.length; i++) {
            int r = pooledIndex[i] - offset;
            s.copyRows(r, r + 1, out, i * d);
        }
        return out;
    }

    /**
     * Kernel values between pooled rows (generated first, then real): a table of all of them, from one
     * matrix product of the rows ({@link DenseMatrices#multiplyAdd}, as BLAS would compute the Gram matrix),
     * or each computed when asked ({@link TwoSampleDistance#cubicKernel}) when the rows are too many for a
     * table; {@link #subset} then gives a table for the rows one estimate uses.
     */
    private static final class Kernel {
        private final double[] pooled;
        private final int d;
        private final int total;
        private final double[] table;

        private Kernel(double[] pooled, int total, int d, boolean tabled, int threads) {
            this.pooled = pooled;
            this.total = total;
            this.d = d;
            this.table = tabled ? table(pooled, total, d, threads) : null;
        }

        static Kernel of(Samples x, Samples y, boolean tabled, int threads) {
            int d = x.columns();
            int total = x.rows() + y.rows();
            double[] pooled = new double[total * d];
            x.copyRows(0, x.rows(), pooled, 0);
            y.copyRows(0, y.rows(), pooled, x.rows() * d);
            return new Kernel(pooled, total, d, tabled, threads);
        }

        private static double[] table(double[] rows, int count, int d, int threads) {
            double[] transposed = new double[d * count];
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < d; c++) {
                    transposed[c * count + i] = rows[i * d + c];
                }
            }
            double[] t = new double[count * count];
            DenseMatrices.multiplyAdd(rows, transposed, t, count, d, count, true, threads);
            for (int i = 0; i < count; i++) {
                for (int j = i; j < count; j++) {
                    double base = t[i * count + j] / d + 1;
                    double k = base * base * base;
                    t[i * count + j] = k;
                    t[j * count + i] = k;
                }
            }
            return t;
        }

        /**
         * @param rows pooled rows, in the order of the new kernel's rows
         * @return a tabled kernel over those rows (single-threaded: it is built inside a task)
         */
        Kernel subset(int[] rows) {
            double[] values = new double[rows.length * d];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(pooled, rows[i] * d, values, i * d, d);
            }
            return new Kernel(values, rows.length, d, true, 1);
        }

        double at(int i, int j) {
            return table != null ? table[i * total + j]
                    : TwoSampleDistance.cubicKernel(pooled, i * d, pooled, j * d, d);
        }

        /** The unbiased estimate on the pooled rows gx (one set) and gy (the other). */
        double unbiased(int[] gx, int[] gy) {
            int n = gx.length;
            int m = gy.length;
            return 2 * within(gx) / ((double) n * (n - 1)) + 2 * within(gy) / ((double) m * (m - 1))
                    - 2 * across(gx, gy) / ((double) n * m);
        }

        private double within(int[] g) {
            double s = 0;
            for (int a = 0; a < g.length; a++) {
                for (int b = a + 1; b < g.length; b++) {
                    s += at(g[a], g[b]);
                }
            }
            return s;
        }

        private double across(int[] gx, int[] gy) {
            double s = 0;
            for (int a : gx) {
                for (int b : gy) {
                    s += at(a, b);
                }
            }
            return s;
        }

        /** The estimate for rows weighted by bootstrap counts, over pairs of distinct original rows. */
        double weighted(int[] gx, int[] cx, int[] gy, int[] cy) {
            return weightedWithin(gx, cx) + weightedWithin(gy, cy) - 2 * weightedAcross(gx, cx, gy, cy);
        }

        private double weightedWithin(int[] g, int[] c) {
            double s = 0;
            long n = 0;
            long squares = 0;
            for (int a = 0; a < g.length; a++) {
                n += c[a];
                squares += (long) c[a] * c[a];
                if (c[a] == 0) {
                    continue;
                }
                double row = 0;
                for (int b = a + 1; b < g.length; b++) {
                    row += c[b] * at(g[a], g[b]);
                }
                s += c[a] * row;
            }
            return 2 * s / (double) (n * n - squares);
        }

        private double weightedAcross(int[] gx, int[] cx, int[] gy, int[] cy) {
            double s = 0;
            long n = 0;
            long m = 0;
            for (int b = 0; b < gy.length; b++) {
                m += cy[b];
            }
            for (int a = 0; a < gx.length; a++) {
                n += cx[a];
                if (cx[a] == 0) {
                    continue;
                }
                double row = 0;
                for (int b = 0; b < gy.length; b++) {
                    row += cy[b] * at(gx[a], gy[b]);
                }
                s += cx[a] * row;
            }
            return s / ((double) n * m);
        }
    }

    /**
     * @param mean KID as torch-fidelity reports it: the mean over subsets
     * @param sd the standard deviation over subsets (divisor S)
     * @param subsetSize the rows per subset used
     * @param subsets the subsets S
     * @param statistic the unbiased estimate on the rows kept for the test
     * @param lower the bootstrap interval's lower end, for that estimate
     * @param upper its upper end
     * @param pValue the permutation p-value for H0: one distribution
     * @param generatedRows the generated rows kept for the test
     * @param realRows the real rows kept for the test
     */
    public record Result(double mean, double sd, int subsetSize, int subsets, double statistic, double lower,
            double upper, double pValue, int generatedRows, int realRows) {
    }
}
