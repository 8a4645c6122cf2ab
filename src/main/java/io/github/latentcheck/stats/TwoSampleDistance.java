package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Multivariate two-sample tests on pairwise distances: the maximum mean discrepancy with a Gaussian
 * kernel and the energy distance, both with seeded permutation p-values ({@link Permutations},
 * {@link PValueMethod#PERMUTATION}). The pooled sample is \(z_1..z_N\), \(N = n + m\): the n rows of
 * {@code x} then the m rows of {@code y}. Every permutation reuses the N(N − 1)/2 pairwise values,
 * so a test costs \(O(N^2 d + B N^2)\) time and \(O(N^2)\) memory: subsample large inputs first.
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
        Permutations.Statistic statistic = labels -> {
            double[] s = groupSums(kernel, labels);
            return 2 * s[0] / ((double) n * (n - 1)) + 2 * s[1] / ((double) m * (m - 1)) - 2 * s[2] / ((double) n * m);
        };
        int[] labels = labels(n, m);
        double observed = statistic.of(labels);
        return TestResult.of("mmd", observed, permutations.pValue(labels, observed, () -> statistic),
                PValueMethod.PERMUTATION);
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
        Permutations.Statistic statistic = labels -> {
            double[] s = groupSums(dist, labels);
            double e = 2 * s[2] / ((double) n * m) - 2 * s[0] / ((double) n * n) - 2 * s[1] / ((double) m * m);
            return (double) n * m / (n + m) * e;
        };
        int[] labels = labels(n, m);
        double observed = statistic.of(labels);
        return TestResult.of("energy", observed, permutations.pValue(labels, observed, () -> statistic),
                PValueMethod.PERMUTATION);
    }

    private static int[] labels(int n, int m) {
        int[] labels = new int[n + m];
        Arrays.fill(labels, n, n + m, 1);
        return labels;
    }

    /** @return the sums of {@code pairs} (upper triangle, row by row) over i &lt; j within group 0, within group 1, and across */
    private static double[] groupSums(double[] pairs, int[] labels) {
        double s0 = 0;
        double s1 = 0;
        double cross = 0;
        int at = 0;
        int total = labels.length;
        for (int i = 0; i < total; i++) {
            int li = labels[i];
            for (int j = i + 1; j < total; j++) {
                double v = pairs[at++];
                if (li != labels[j]) {
                    cross += v;
                } else if (li == 0) {
                    s0 += v;
                } else {
                    s1 += v;
                }
            }
        }
        return new double[] {s0, s1, cross};
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
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = pooled[i * d + k] - pooled[j * d + k];
                    s += diff * diff;
                }
                dist[at++] = Math.sqrt(s);
            }
        }
        return dist;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
}
