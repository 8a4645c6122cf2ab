package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Multivariate two-sample tests on pairwise distances: the maximum mean discrepancy with a Gaussian
 * kernel and the energy distance, both with seeded permutation p-values ({@link Permutations},
 * {@link PValueMethod#PERMUTATION}). The pooled sample is \(z_1..z_N\), \(N = n + m\): the n rows of
 * {@code x} then the m rows of {@code y}. Every permutation reuses the N(N − 1)/2 pairwise values,
 * so a test costs \(O(N^2 d + B N^2)\) time and \(O(N^2)\) memory: subsample large inputs first. The
 * permutations are evaluated in blocks of 64 that share each pass over the pairwise values (see
 * {@link Permutations}); 2 × 2,000 rows of 64 dimensions with B = 999 take a few seconds on 2 cores.
 *
 * <p>Written here because neither Commons Statistics 1.2 nor commons-math3 has multivariate
 * two-sample tests.
 */
public final class TwoSampleDistance {
    private TwoSampleDistance() {
    }

    /**
     * Unbiased MMD² (Gretton et al. 2012, their eq. (3), the U-statistic):
     * \[ \widehat{\mathrm{MMD}}^2_u = \frac{1}{n(n-1)}\sum_{i \ne j} k(x_i, x_j)
     *    + \frac{1}{m(m-1)}\sum_{i \ne j} k(y_i, y_j) - \frac{2}{nm}\sum_{i,j} k(x_i, y_j), \]
     * with the Gaussian kernel \(k(a, b) = \exp(-\|a - b\|^2 / (2\sigma^2))\) and the median heuristic:
     * \(\sigma\) is the median of the N(N − 1)/2 Euclidean distances \(\|z_i - z_j\|\), \(i &lt; j\), of
     * the pooled observed sample (the mean of the two middle ones when their number is even), fixed
     * for all permutations. Reference: Gretton, A., Borgwardt, K. M., Rasch, M. J., Schölkopf, B. &amp;
     * Smola, A. (2012). A kernel two-sample test. <i>Journal of Machine Learning Research</i> 13,
     * 723–773, https://jmlr.org/papers/v13/gretton12a.html.
     *
     * @param x the first sample, row-major, n × d finite values, n &ge; 2
     * @param y the second sample, row-major, m × d finite values, m &ge; 2
     * @param d the dimension
     * @param permutations the permutation options
     * @return a result named {@code "mmd"} with statistic \(\widehat{\mathrm{MMD}}^2_u\)
     * @throws InvalidInputException if an input breaks a rule or all pooled rows are equal
     */
    public static TestResult mmd(double[] x, double[] y, int d, Permutations permutations) {
        Objects.requireNonNull(permutations, "permutations");
        int n = Multivariate.checkRows(x, d, 2);
        int m = Multivariate.checkRows(y, d, 2);
        double[] dist = distances(x, y, d);
        double sigma = median(dist);
        if (!(sigma > 0)) {
            throw new InvalidInputException("the median pairwise distance of the pooled sample is 0: no bandwidth");
        }
        double[] kernel = new double[dist.length];
        for (int i = 0; i < dist.length; i++) {
            kernel[i] = Math.exp(-dist[i] * dist[i] / (2 * sigma * sigma));
        }
        GroupSums sums = new GroupSums(kernel, n + m, (s0, s1, cross) ->
                2 * s0 / ((double) n * (n - 1)) + 2 * s1 / ((double) m * (m - 1)) - 2 * cross / ((double) n * m));
        int[] labels = labels(n, m);
        double observed = sums.statistic(labels);
        return TestResult.of("mmd", observed, permutations.pValueBatched(labels, observed, () -> sums::statistics),
                PValueMethod.PERMUTATION);
    }

    /**
     * The unbiased MMD² with the cubic polynomial kernel of KID (Bińkowski et al. 2018),
     * \(k(a, b) = (a \cdot b / d + 1)^3\):
     * \[ \widehat{\mathrm{MMD}}^2_u = \frac{1}{n(n-1)}\sum_{i \ne j} k(x_i, x_j) + \frac{1}{m(m-1)}\sum_{i \ne j}
     *    k(y_i, y_j) - \frac{2}{nm}\sum_{i,j} k(x_i, y_j), \]
     * with a seeded permutation p-value for H0: one distribution. Reference: Bińkowski, M., Sutherland, D. J.,
     * Arbel, M. &amp; Gretton, A. (2018). Demystifying MMD GANs. ICLR 2018, arXiv:1801.01401.
     *
     * @param x the first sample, row-major, n × d finite values, n &ge; 2
     * @param y the second sample, row-major, m × d finite values, m &ge; 2
     * @param d the dimension
     * @param permutations the permutation options
     * @return a result named {@code "kid"} with statistic \(\widehat{\mathrm{MMD}}^2_u\)
     * @throws InvalidInputException if an input breaks a rule
     */
    public static TestResult kid(double[] x, double[] y, int d, Permutations permutations) {
        Objects.requireNonNull(permutations, "permutations");
        int n = Multivariate.checkRows(x, d, 2);
        int m = Multivariate.checkRows(y, d, 2);
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        int total = n + m;
        if ((long) total * (total - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("too many rows for the pairwise kernel: " + total + " (subsample first)");
        }
        double[] kernel = new double[total * (total - 1) / 2];
        int at = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                kernel[at++] = cubicKernel(pooled, i * d, pooled, j * d, d);
            }
        }
        GroupSums sums = new GroupSums(kernel, total, (s0, s1, cross) ->
                2 * s0 / ((double) n * (n - 1)) + 2 * s1 / ((double) m * (m - 1)) - 2 * cross / ((double) n * m));
        int[] labels = labels(n, m);
        double observed = sums.statistic(labels);
        return TestResult.of("kid", observed, permutations.pValueBatched(labels, observed, () -> sums::statistics),
                PValueMethod.PERMUTATION);
    }

    /**
     * @param a rows, row-major
     * @param ao the offset of one row in a
     * @param b rows, row-major
     * @param bo the offset of one row in b
     * @param d the dimension
     * @return KID's kernel \((a \cdot b / d + 1)^3\)
     */
    public static double cubicKernel(double[] a, int ao, double[] b, int bo, int d) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < d; k += 2) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
        }
        for (; k < d; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        double base = (s0 + s1) / d + 1;
        return base * base * base;
    }

    /**
     * Energy distance statistic (Székely &amp; Rizzo 2004), as R's {@code energy::eqdist.etest}:
     * \[ T = \frac{nm}{n+m}\left(\frac{2}{nm}\sum_{i,j}\|x_i - y_j\| - \frac{1}{n^2}\sum_{i,j}\|x_i - x_j\|
     *    - \frac{1}{m^2}\sum_{i,j}\|y_i - y_j\|\right). \]
     * Reference: Székely, G. J. &amp; Rizzo, M. L. (2004). Testing for equal distributions in high
     * dimension. <i>InterStat</i> 5; Székely, G. J. &amp; Rizzo, M. L. (2013). Energy statistics: a class
     * of statistics based on distances. <i>Journal of Statistical Planning and Inference</i> 143(8),
     * 1249–1272, doi:10.1016/j.jspi.2013.03.018.
     *
     * @param x the first sample, row-major, n × d finite values, n &ge; 2
     * @param y the second sample, row-major, m × d finite values, m &ge; 2
     * @param d the dimension
     * @param permutations the permutation options
     * @return a result named {@code "energy"} with statistic \(T\)
     * @throws InvalidInputException if an input breaks a rule
     */
    public static TestResult energy(double[] x, double[] y, int d, Permutations permutations) {
        Objects.requireNonNull(permutations, "permutations");
        int n = Multivariate.checkRows(x, d, 2);
        int m = Multivariate.checkRows(y, d, 2);
        double[] dist = distances(x, y, d);
        GroupSums sums = new GroupSums(dist, n + m, (s0, s1, cross) -> (double) n * m / (n + m)
                * (2 * cross / ((double) n * m) - 2 * s0 / ((double) n * n) - 2 * s1 / ((double) m * m)));
        int[] labels = labels(n, m);
        double observed = sums.statistic(labels);
        return TestResult.of("energy", observed, permutations.pValueBatched(labels, observed, () -> sums::statistics),
                PValueMethod.PERMUTATION);
    }

    private static int[] labels(int n, int m) {
        int[] labels = new int[n + m];
        Arrays.fill(labels, n, n + m, 1);
        return labels;
    }

    /** A statistic from the sums of pairwise values within group 0, within group 1 and across. */
    @FunctionalInterface
    private interface Combine {
        double of(double within0, double within1, double across);
    }

    /**
     * The sums of the pairwise values {@code pairs} (upper triangle, row by row) over i &lt; j within
     * group 0, within group 1 and across, for a labelling or a block of labellings. Branch-free: per row
     * only \(\sum_{j &gt; i} v_{ij} [l_j = 1]\) is computed, a dot product with four accumulators (a
     * random labelling makes a per-pair branch mispredict half the time); the sum over all \(j &gt; i\)
     * is precomputed. A block of labellings is evaluated {@value #TILE} rows at a time, so that each
     * tile of the matrix (tens of MB for a few thousand rows) is read from memory once per block, not
     * once per labelling. A labelling gets bit-identical sums alone or in a block.
     */
    private static final class GroupSums {
        /** Rows per tile: 32 rows of a 4,000-row matrix are at most 1 MB. */
        private static final int TILE = 32;
        private final double[] pairs;
        private final int total;
        private final double[] rowTotals;
        private final int[] rowStart;
        private final Combine combine;

        GroupSums(double[] pairs, int total, Combine combine) {
            this.pairs = pairs;
            this.total = total;
            this.combine = combine;
            rowTotals = new double[total];
            rowStart = new int[total];
            int at = 0;
            for (int i = 0; i < total; i++) {
                rowStart[i] = at;
                double sum = 0;
                for (int j = i + 1; j < total; j++) {
                    sum += pairs[at++];
                }
                rowTotals[i] = sum;
            }
        }

        double statistic(int[] labels) {
            double[] out = new double[1];
            statistics(new int[][] {labels}, out);
            return out[0];
        }

        void statistics(int[][] labels, double[] out) {
            int count = labels.length;
            double[][] ones = new double[count][total];
            for (int p = 0; p < count; p++) {
                for (int j = 0; j < total; j++) {
                    ones[p][j] = labels[p][j];
                }
            }
            double[][] sums = new double[count][3];
            for (int i0 = 0; i0 < total; i0 += TILE) {
                int i1 = Math.min(total, i0 + TILE);
                for (int p = 0; p < count; p++) {
                    double[] one = ones[p];
                    int[] label = labels[p];
                    double[] s = sums[p];
                    for (int i = i0; i < i1; i++) {
                        double withOne = dot(rowStart[i], one, i + 1);
                        double withZero = rowTotals[i] - withOne;
                        if (label[i] == 0) {
                            s[0] += withZero;
                            s[2] += withOne;
                        } else {
                            s[1] += withOne;
                            s[2] += withZero;
                        }
                    }
                }
            }
            for (int p = 0; p < count; p++) {
                out[p] = combine.of(sums[p][0], sums[p][1], sums[p][2]);
            }
        }

        /** @return \(\sum_{j \ge from} pairs[at + j - from] \cdot one[j]\) */
        private double dot(int at, double[] one, int from) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int j = from;
            for (; j + 3 < total; j += 4, at += 4) {
                a0 += pairs[at] * one[j];
                a1 += pairs[at + 1] * one[j + 1];
                a2 += pairs[at + 2] * one[j + 2];
                a3 += pairs[at + 3] * one[j + 3];
            }
            for (; j < total; j++, at++) {
                a0 += pairs[at] * one[j];
            }
            return (a0 + a1) + (a2 + a3);
        }
    }

    /** @return the Euclidean distances of the pooled rows, i &lt; j, row by row */
    private static double[] distances(double[] x, double[] y, int d) {
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        int total = pooled.length / d;
        if ((long) total * (total - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("too many rows for the pairwise distances: " + total + " (subsample first)");
        }
        double[] dist = new double[total * (total - 1) / 2];
        int at = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                dist[at++] = Math.sqrt(squaredDistance(pooled, i * d, j * d, d));
            }
        }
        return dist;
    }

    /**
     * @param z rows, row-major
     * @param a the offset of one row
     * @param b the offset of another
     * @param d the dimension
     * @return \(\sum_{k &lt; d} (z_{a+k} - z_{b+k})^2\), with four accumulators
     */
    public static double squaredDistance(double[] z, int a, int b, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            double e0 = z[a + k] - z[b + k];
            double e1 = z[a + k + 1] - z[b + k + 1];
            double e2 = z[a + k + 2] - z[b + k + 2];
            double e3 = z[a + k + 3] - z[b + k + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; k < d; k++) {
            double e = z[a + k] - z[b + k];
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The median heuristic's statistic, also used by the MMD power model so that it sets the bandwidth as the test
     * does.
     *
     * @param values the values, at least one (not changed)
     * @return their median (the mean of the two middle values when their number is even), by selection
     */
    public static double median(double[] values) {
        double[] work = values.clone();
        int k = work.length;
        double upper = select(work, k / 2);
        if (k % 2 == 1) {
            return upper;
        }
        double lower = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k / 2; i++) {
            lower = Math.max(lower, work[i]);
        }
        return (lower + upper) / 2;
    }

    /**
     * Hoare's quickselect with a median-of-three pivot: on return {@code a[k]} is the k-th smallest value,
     * every value before it is at most it and every value after it at least it.
     */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = medianOfThree(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
