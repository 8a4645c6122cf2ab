package io.github.latentcheck.power;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Power of the multivariate two-sample permutation tests of {@link TwoSampleDistance} — the unbiased MMD² with a
 * Gaussian kernel and median-heuristic bandwidth, and the energy statistic — against a <i>mean shift</i>: the
 * generated rows are \(N(\theta e_1, I_d)\), the training rows \(N(0, I_d)\), at the check's dimension \(d\); the
 * effect is \(\theta\), the shift in standard deviations. By rotation invariance any direction gives the same
 * power as \(e_1\). Sizes are effective sizes \(n = n_g n_t/(n_g + n_t)\) ({@link PowerAnalysis#twoSample}); a
 * size \(n\) is simulated as two samples of \(s = 2n\) rows each, which have that effective size.
 *
 * <p><b>A replicate.</b> Draw \(x_1..x_s\) and \(y_1..y_s\), standard normal in \(d\) dimensions, and reduce
 * them to what the statistic needs at every shift: shifting every \(x_i\) by \(\theta e_1\) leaves the distances
 * within each sample alone and changes those across to
 * \( \|x_i + \theta e_1 - y_j\|^2 = D_{ij} + 2\theta a_{ij} + \theta^2 \), with \(D_{ij} = \|x_i - y_j\|^2\)
 * and \(a_{ij} = x_{i1} - y_{j1}\). With \(S_x\), \(S_y\) the sums over pairs \(i &lt; j\) within each sample:
 * <ul>
 * <li>MMD (Gretton et al. 2012, eq. (3), as {@link TwoSampleDistance#mmd}):
 * \[ \widehat{\mathrm{MMD}}^2_u(\theta) = \frac{2(S_x + S_y)}{s(s-1)} - \frac{2}{s^2}\sum_{i,j} K_{ij}\,u_i v_j,
 *    \quad K_{ij} = e^{-D_{ij}/(2\sigma^2)},\ u_i = e^{-\theta^2/(4\sigma^2) - \theta x_{i1}/\sigma^2},\
 *    v_j = e^{-\theta^2/(4\sigma^2) + \theta y_{j1}/\sigma^2}, \]
 * with \(S\) summing the kernel; the cross term factorises, so a shift costs \(O(s^2)\) multiply-adds and
 * \(2s\) exponentials. The bandwidth \(\sigma\) is the median of the replicate's pooled distances <i>at
 * \(\theta = 0\)</i>, held for every shift. The test recomputes it on the shifted data, but the median of the
 * pooled distances converges, and under the local alternatives that set the power of a large run (below) the
 * shift moves it by \(O(\theta^2/\sqrt d)\) only: holding it fixed is what the real test does in the limit,
 * whereas recomputing it at the simulated size, where the shift is larger, would not be.
 * <li>Energy (Székely and Rizzo 2004, 2013, as {@link TwoSampleDistance#energy}):
 * \[ T(\theta) = \frac{s}{2}\Bigl(\frac{2}{s^2}\sum_{i,j}\sqrt{D_{ij} + 2\theta a_{ij} + \theta^2}
 *    - \frac{2(S_x + S_y)}{s^2}\Bigr), \]
 * with \(S\) summing the distances: \(s^2\) square roots a shift.
 * </ul>
 * Building a replicate costs \(O(s^2 \min(d, 2s))\) (see {@link #pooledRows}), every shift after it \(O(s^2)\).
 *
 * <p><b>The permutation test.</b> The check's p-value is \((1 + C)/(B + 1)\), with \(C\) the number of its
 * \(B\) permutations whose statistic is at least the observed one, and it rejects when that is below
 * \(\alpha\), that is when \(C \le K\) with \(K\) the largest integer for which \((K + 1)/(B + 1) &lt; \alpha\).
 * Given the pooled data, \(C\) is binomial with \(B\) trials and the permutation tail \(q\) of the observed
 * statistic. The model approximates that conditional tail by the unconditional tail of the statistic under the
 * null at the same size and dimension, estimated from the other replicates at \(\theta = 0\) (each with its own
 * bandwidth): for replicate \(r\), \(\hat q_r(t) = \#\{r' \ne r : T_{r'}(0) \ge t\}/(R - 1)\), leaving out its own
 * unshifted statistic so that the tail is independent of the replicate it judges. Replicate \(r\) shifted by
 * \(\theta\) then rejects with probability \(P(\mathrm{Bin}(B, \hat q_r(T_r(\theta))) \le K)\), and
 * \[ \hat\pi(\theta) = \frac{1}{R}\sum_{r=1}^{R} P\bigl(\mathrm{Bin}(B, \hat q_r(T_r(\theta))) \le K\bigr). \]
 * As \(B \to \infty\) this is the share of replicates above the \((1 - \alpha)\) quantile of the simulated null
 * statistics, the usual critical-value power; at a finite \(B\) it also carries the permutation test's own noise,
 * and when \(\alpha \le 1/(B + 1)\) (\(K &lt; 0\), {@link Permutations#largestRejectingCount}) the test can never
 * reject: the power is 0 and no shift is detectable (\(+\infty\)). Under the alternative the pooled sample is a
 * mixture whose permutation distribution differs from the null one by \(O(\theta^2)\), which vanishes under local
 * alternatives; at a small size, where the detectable shift is large, this makes the model optimistic (below).
 *
 * <p><b>Large n.</b> Above the simulated limit, {@value #SIMULATED_N_LIMIT} (that is {@value #SIMULATED_ROWS}
 * rows a side), the shift is rescaled by \(\sqrt{n/24}\) ({@link SimulatedShiftPower}). For a fixed bandwidth,
 * \(n\,\widehat{\mathrm{MMD}}^2_u\) and the energy statistic \(T\) (already scaled by \(n\)) are degenerate
 * U-statistics that converge under the null to weighted sums of centred \(\chi^2_1\) variables, and under local
 * alternatives \(\theta = h/\sqrt{n}\) to the same sums with non-centralities proportional to \(h\) (Gretton et al.
 * 2012, Theorem 12 and section 5; Székely and Rizzo 2013, section 5); so the power depends on \(\sqrt{n}\,\theta\).
 * The median-heuristic bandwidth converges to a constant (the median distance of the null, about
 * \(\sqrt{2d}\)), so the MMD has the fixed-bandwidth limit. The model's own direct simulations at 16, 24 and 32
 * effective rows (d = 64, 600 replicates) gave \(\sqrt{n}\,\theta_{0.8}\) = 5.74, 5.79, 5.74 for the MMD and 5.68,
 * 5.85, 5.77 for energy, so the limit is reached at the simulated size within the Monte-Carlo error; the
 * rescaled power is checked against simulations of the real tests at 200 rows a side ({@code DistanceTestPowerTest}).
 *
 * <p><b>The simulation</b> draws the \(R\) replicates from one XoShiRo256++ stream seeded with the seed, on one
 * thread: the result depends on the seed, \(R\), \(d\), \(B\), the size and the level only. The rows are drawn as
 * {@link #pooledRows} says (beyond \(d - 1 = 2s\), through the Bartlett factor of their Gram matrix, so a replicate
 * never costs more than at \(d \approx 2s\)). The detectable shift is found by bisection over \(\theta\) on these
 * common random numbers (the same replicates for every \(\theta\), so \(\hat\pi\) is, in practice, monotone): its
 * bracket is doubled from 1 until \(\hat\pi \ge \pi\) and halved to a relative width of \(10^{-9}\). With the
 * default \(R\) = {@value #DEFAULT_REPLICATES} the Monte-Carlo standard error of a power \(p\) is
 * \(\sqrt{p(1 - p)/R}\), 0.018 at \(p = 0.8\), and that of the level the null tail estimates,
 * \(\sqrt{\alpha(1 - \alpha)/(R - 1)}\), 0.0098 at \(\alpha = 0.05\); over seeds the detectable shift varies by
 * about 4 %. A check's {@code detectableEffect} costs about 0.4 s at d = 64 and at most 0.55 s up to d = 3,072
 * (warm JIT, 2 shared cores); a run's checks at one size share the simulation.
 *
 * <p>References:
 * <ol>
 * <li>Gretton, A., Borgwardt, K. M., Rasch, M. J., Schölkopf, B. &amp; Smola, A. (2012). A kernel two-sample
 * test. <i>Journal of Machine Learning Research</i> 13, 723–773, https://jmlr.org/papers/v13/gretton12a.html.
 * <li>Székely, G. J. &amp; Rizzo, M. L. (2004). Testing for equal distributions in high dimension.
 * <i>InterStat</i> 5; Székely, G. J. &amp; Rizzo, M. L. (2013). Energy statistics: a class of statistics based
 * on distances. <i>Journal of Statistical Planning and Inference</i> 143(8), 1249–1272,
 * doi:10.1016/j.jspi.2013.03.018.
 * <li>Lehmann, E. L. &amp; Romano, J. P. (2005). <i>Testing Statistical Hypotheses</i>, 3rd ed., chapters 14
 * and 15 (local alternatives; permutation tests). Springer, doi:10.1007/0-387-27605-X.
 * <li>Bartlett, M. S. (1933). On the theory of statistical regression. <i>Proceedings of the Royal Society of
 * Edinburgh</i> 53, 260–283; Anderson, T. W. (2003). <i>An Introduction to Multivariate Statistical
 * Analysis</i>, 3rd ed., section 7.2. Wiley.
 * </ol>
 */
public final class DistanceTestPower extends SimulatedShiftPower {
    /** Shifted replicates unless {@link #withReplicates(int)} says otherwise. */
    public static final int DEFAULT_REPLICATES = 500;
    /** Effective sizes above this are simulated at this size with a rescaled shift. */
    public static final int SIMULATED_N_LIMIT = 24;
    /** Rows a side at the simulated limit. */
    public static final int SIMULATED_ROWS = 2 * SIMULATED_N_LIMIT;
    private static final Simulations CACHE = new Simulations(4, key -> Optional.empty());
    private static final double RELATIVE_WIDTH = 1e-9;
    private static final int MAX_DOUBLINGS = 64;

    /** The statistic whose power is modelled. */
    public enum Statistic {
        /** The unbiased MMD² with a Gaussian kernel and median-heuristic bandwidth. */
        MMD("mmd"),
        /** The energy statistic. */
        ENERGY("energy");

        private final String shortName;

        Statistic(String shortName) {
            this.shortName = shortName;
        }

        /** @return the short name, {@code "mmd"} or {@code "energy"} */
        public String shortName() {
            return shortName;
        }
    }

    private final Statistic statistic;
    private final int dimension;
    private final int permutations;

    private DistanceTestPower(Statistic statistic, int dimension, int permutations, int replicates, long seed) {
        super(replicates, seed, SIMULATED_N_LIMIT, CACHE);
        if (dimension < 1) {
            throw new InvalidInputException("dimension is not at least 1: " + dimension);
        }
        if (permutations < 1) {
            throw new InvalidInputException("permutations is not at least 1: " + permutations);
        }
        this.statistic = statistic;
        this.dimension = dimension;
        this.permutations = permutations;
    }

    /**
     * @param statistic the test's statistic
     * @param dimension the rows' dimension d, at least 1
     * @param permutations the test's permutations B, at least 1
     * @return its model with {@value #DEFAULT_REPLICATES} replicates and seed {@value #DEFAULT_SEED}
     */
    public static DistanceTestPower of(Statistic statistic, int dimension, int permutations) {
        return new DistanceTestPower(statistic, dimension, permutations, DEFAULT_REPLICATES, DEFAULT_SEED);
    }

    /**
     * @param count the number of shifted replicates, at least {@value #MIN_REPLICATES}
     * @return a model with that many
     */
    public DistanceTestPower withReplicates(int count) {
        return new DistanceTestPower(statistic, dimension, permutations, count, seed());
    }

    /**
     * @param value the simulation's seed
     * @return a model with that seed
     */
    public DistanceTestPower withSeed(long value) {
        return new DistanceTestPower(statistic, dimension, permutations, replicates(), value);
    }

    /** @return the statistic whose power is modelled */
    public Statistic modelled() {
        return statistic;
    }

    /** @return the rows' dimension */
    public int dimension() {
        return dimension;
    }

    /** @return the test's permutations */
    public int permutations() {
        return permutations;
    }

    @Override
    public String unit() {
        return "mean shift (in sd)";
    }

    @Override
    String statistic() {
        return statistic.shortName + " d=" + dimension + " B=" + permutations;
    }

    @Override
    double shiftFor(double effect) {
        MeanTestPower.checkEffect(effect);
        return effect;
    }

    @Override
    double effectFor(double shift) {
        return shift;
    }

    @Override
    Simulation simulateAfresh(int n, double alpha) {
        int rows = 2 * n;
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(seed());
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        Replicate[] shifted = new Replicate[replicates()];
        double[] nulls = new double[shifted.length];
        for (int r = 0; r < shifted.length; r++) {
            shifted[r] = Replicate.of(statistic, pooledRows(rng, gaussian, 2 * rows, dimension), rows);
            nulls[r] = shifted[r].at(0);
        }
        int k = Permutations.largestRejectingCount(permutations, alpha);
        double[] rejection = new double[shifted.length];
        for (int j = 0; j < rejection.length; j++) {
            rejection[j] = k < 0 ? 0 : BinomialDistribution.of(permutations, (double) j / (shifted.length - 1))
                    .cumulativeProbability(k);
        }
        return new Replicates(shifted, nulls, rejection);
    }

    /**
     * Rows whose first coordinates and pairwise squared distances have the joint law of {@code total} rows of
     * \(N(0, I_d)\), row-major with {@link #columnsOf} columns. Up to \(d - 1 = N\) (N = {@code total}) they are such
     * rows. Beyond, the rows' first coordinates are drawn as they are and the other \(d - 1\) are replaced by the
     * rows of the Bartlett factor of their Gram matrix, which is Wishart \(W_N(d - 1, I)\): \(L\) lower triangular,
     * \(L_{ii} = \sqrt{\chi^2_{d-1-i}}\) (i from 0), \(L_{ij} \sim N(0, 1)\) for \(j &lt; i\), so that \(LL^T\) has that
     * law; the statistics, functions of the first coordinates and the Gram matrix, keep theirs, and a replicate
     * costs \(O(N^3)\) rather than \(O(N^2 d)\) (Bartlett 1933; Anderson 2003, section 7.2).
     */
    static double[] pooledRows(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gaussian, int total,
            int d) {
        int columns = columnsOf(total, d);
        double[] z = new double[total * columns];
        if (columns == d) {
            for (int i = 0; i < z.length; i++) {
                z[i] = gaussian.sample();
            }
            return z;
        }
        for (int i = 0; i < total; i++) {
            int row = i * columns;
            z[row] = gaussian.sample();
            for (int j = 0; j < i; j++) {
                z[row + 1 + j] = gaussian.sample();
            }
            z[row + 1 + i] = Math.sqrt(AhrensDieterMarsagliaTsangGammaSampler.of(rng, (d - 1 - i) / 2.0, 2).sample());
        }
        return z;
    }

    /**
     * @param total the pooled rows N
     * @param d the dimension
     * @return the columns {@link #pooledRows} gives them: d, or 1 + N when \(d - 1 &gt; N\)
     */
    static int columnsOf(int total, int d) {
        return d - 1 > total ? 1 + total : d;
    }

    /**
     * The statistic of two samples with the first shifted by \(\theta e_1\), by the replicate's reduction (for
     * the MMD with the bandwidth of the unshifted samples).
     *
     * @param statistic the statistic
     * @param x the first sample, row-major, s × d
     * @param y the second sample, row-major, s × d
     * @param d the dimension
     * @param shift \(\theta\)
     * @return the statistic
     */
    static double statistic(Statistic statistic, double[] x, double[] y, int d, double shift) {
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        return Replicate.of(statistic, pooled, x.length / d).at(shift);
    }

    /** The shifted replicates, the sorted null statistics and the rejection probability by null tail count. */
    private static final class Replicates implements Simulation {
        private final Replicate[] shifted;
        private final double[] nulls;
        private final double[] sortedNulls;
        private final double[] rejection;

        Replicates(Replicate[] shifted, double[] nulls, double[] rejection) {
            this.shifted = shifted;
            this.nulls = nulls;
            this.sortedNulls = nulls.clone();
            Arrays.sort(sortedNulls);
            this.rejection = rejection;
        }

        /** Each replicate's null tail leaves out its own unshifted statistic. */
        @Override
        public double power(double shift) {
            double sum = 0;
            for (int r = 0; r < shifted.length; r++) {
                double t = shifted[r].at(shift);
                sum += rejection[atLeast(t) - (nulls[r] >= t ? 1 : 0)];
            }
            return sum / shifted.length;
        }

        /** @return the number of null statistics at least {@code t} */
        private int atLeast(double t) {
            int lo = 0;
            int hi = sortedNulls.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sortedNulls[mid] >= t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return sortedNulls.length - lo;
        }

        @Override
        public double detectableShift(double target) {
            if (rejection[0] == 0) {
                return Double.POSITIVE_INFINITY;
            }
            if (power(0) >= target) {
                return 0;
            }
            double lo = 0;
            double hi = 1;
            for (int doubling = 0; power(hi) < target; doubling++) {
                if (doubling == MAX_DOUBLINGS) {
                    return Double.POSITIVE_INFINITY;
                }
                lo = hi;
                hi *= 2;
            }
            while (hi - lo > RELATIVE_WIDTH * hi) {
                double mid = 0.5 * (lo + hi);
                if (power(mid) >= target) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return hi;
        }
    }

    /** One pair of samples reduced to the statistic's parts that a shift of the first sample leaves alone and those it changes. */
    private static final class Replicate {
        private final Statistic statistic;
        private final int rows;
        /** The within-sample part of the statistic. */
        private final double within;
        /** Across the samples, s × s: the kernel (MMD) or the squared distance (energy). */
        private final double[] across;
        private final double[] x1;
        private final double[] y1;
        private final double bandwidthSquared;

        private Replicate(Statistic statistic, int rows, double within, double[] across, double[] x1, double[] y1,
                double bandwidthSquared) {
            this.statistic = statistic;
            this.rows = rows;
            this.within = within;
            this.across = across;
            this.x1 = x1;
            this.y1 = y1;
            this.bandwidthSquared = bandwidthSquared;
        }

        /**
         * @param pooled the first sample's rows then the second's, row-major, 2s rows
         * @param s the rows of each sample
         */
        static Replicate of(Statistic statistic, double[] pooled, int s) {
            int total = 2 * s;
            int d = pooled.length / total;
            double[] squared = squaredDistances(pooled, total, d);
            double[] x1 = new double[s];
            double[] y1 = new double[s];
            for (int i = 0; i < s; i++) {
                x1[i] = pooled[i * d];
                y1[i] = pooled[(s + i) * d];
            }
            double bandwidthSquared = 1;
            if (statistic == Statistic.MMD) {
                double[] distances = new double[squared.length];
                Arrays.setAll(distances, p -> Math.sqrt(squared[p]));
                double sigma = TwoSampleDistance.median(distances);
                bandwidthSquared = sigma * sigma;
            }
            double withinSum = 0;
            double[] across = new double[s * s];
            int at = 0;
            for (int i = 0; i < total; i++) {
                for (int j = i + 1; j < total; j++) {
                    double value = statistic == Statistic.MMD ? Math.exp(-squared[at] / (2 * bandwidthSquared))
                            : Math.sqrt(squared[at]);
                    if (i < s && j >= s) {
                        across[i * s + j - s] = statistic == Statistic.MMD ? value : squared[at];
                    } else {
                        withinSum += value;
                    }
                    at++;
                }
            }
            double within = statistic == Statistic.MMD ? 2 * withinSum / ((double) s * (s - 1))
                    : -s / 2.0 * 2 * withinSum / ((double) s * s);
            return new Replicate(statistic, s, within, across, x1, y1, bandwidthSquared);
        }

        /**
         * The squared distances of the pooled rows, i &lt; j, row by row, as
         * \(\|z_i\|^2 + \|z_j\|^2 - 2 z_i \cdot z_j\): the dot products of row i with every later row are
         * accumulated a coordinate at a time over a transposed copy, a loop the JIT vectorises (several times
         * faster than a distance at a time at d = 64; the cancellation costs about 1e-15 relative, as
         * the distances are near 2d and the norms near d).
         */
        private static double[] squaredDistances(double[] pooled, int total, int d) {
            double[] transposed = new double[pooled.length];
            double[] norms = new double[total];
            for (int i = 0; i < total; i++) {
                for (int k = 0; k < d; k++) {
                    double v = pooled[i * d + k];
                    transposed[k * total + i] = v;
                    norms[i] += v * v;
                }
            }
            double[] squared = new double[total * (total - 1) / 2];
            double[] dots = new double[total];
            int at = 0;
            for (int i = 0; i < total; i++) {
                Arrays.fill(dots, 0);
                for (int k = 0; k < d; k++) {
                    double v = pooled[i * d + k];
                    int base = k * total;
                    for (int j = i + 1; j < total; j++) {
                        dots[j] += v * transposed[base + j];
                    }
                }
                for (int j = i + 1; j < total; j++) {
                    squared[at++] = Math.max(0, norms[i] + norms[j] - 2 * dots[j]);
                }
            }
            return squared;
        }

        /** @return the statistic with the first sample shifted by {@code shift} along the first coordinate */
        double at(double shift) {
            return statistic == Statistic.MMD ? mmd(shift) : energy(shift);
        }

        private double mmd(double shift) {
            double half = -shift * shift / (4 * bandwidthSquared);
            double scale = shift / bandwidthSquared;
            double[] v = new double[rows];
            for (int j = 0; j < rows; j++) {
                v[j] = Math.exp(half + scale * y1[j]);
            }
            double cross = 0;
            for (int i = 0; i < rows; i++) {
                double row = 0;
                int base = i * rows;
                for (int j = 0; j < rows; j++) {
                    row += across[base + j] * v[j];
                }
                cross += Math.exp(half - scale * x1[i]) * row;
            }
            return within - 2 * cross / ((double) rows * rows);
        }

        private double energy(double shift) {
            double shiftSquared = shift * shift;
            double cross = 0;
            for (int i = 0; i < rows; i++) {
                double offset = shiftSquared + 2 * shift * x1[i];
                int base = i * rows;
                for (int j = 0; j < rows; j++) {
                    cross += Math.sqrt(Math.max(0, across[base + j] + offset - 2 * shift * y1[j]));
                }
            }
            return within + cross / rows;
        }
    }
}
