package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.knn.ExactDistance;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * α-precision, β-recall and authenticity of synthetic rows \(Y_1..Y_M\) against real rows \(X_1..X_N\)
 * (Alaa et al. 2022), in the space the rows are in (the paper's embedding is the identity here; its centre is
 * the real mean \(c_r\)). With \(\alpha_k = k/(K-1)\), k = 0..K−1 (K = {@code steps}, 30 as the authors'
 * code) and \(q_\alpha(\cdot)\) the α-quantile (linear interpolation, numpy's default):
 * <ul>
 * <li>α-precision curve: \(P_\alpha = \frac1M \sum_j 1[\|Y_j - c_r\| \le q_\alpha(\{\|X_i - c_r\|\})]\), the
 * fraction of synthetic rows inside the real α-support ball;</li>
 * <li>β-recall curve: \(C_\beta = \frac1N \sum_i 1[\|X_i - Y_{j(i)}\| \le \mathrm{NND}(X_i)]\,
 * 1[\|Y_{j(i)} - c_s\| \le q_\beta(\{\|Y_j - c_s\|\})]\) with \(Y_{j(i)}\) the synthetic row nearest X_i,
 * \(\mathrm{NND}(X_i)\) the distance from X_i to its nearest other real row and \(c_s\) the synthetic mean:
 * real rows whose nearest synthetic row is within their own neighbour distance and inside the synthetic
 * β-support ball (the paper's definition; the authors' code takes the quantile over the synthetic
 * neighbours of real rows instead of over all synthetic rows);</li>
 * <li>the integrated scores \(\Delta P_\alpha = 1 - 2\sum_k |P_{\alpha_k} - \alpha_k|\,\Delta\alpha\) and
 * \(\Delta C_\beta\) likewise (the Riemann sum of the authors' code; 1 is ideal);</li>
 * <li>authenticity, per synthetic sample: \(A = \frac1M\sum_j 1[\|Y_j - X_{i(j)}\| &gt;
 * \mathrm{NND}(X_{i(j)})]\) with \(X_{i(j)}\) the real row nearest Y_j: a synthetic row is authentic when it
 * is farther from its nearest real row than that row is from its own nearest real neighbour. (The authors'
 * code indexes the real-indexed NND array with synthetic indices and so needs M = N,
 * ahmedmalaa/evaluating-generative-models issue #4; here M and N are free.)</li>
 * </ul>
 * Nearest neighbours come from {@link NearestNeighborSearch} (exact Euclidean distances, {@link ExactDistance}).
 *
 * <p><b>Intervals.</b> A percentile bootstrap conditional on the neighbour structure: a replicate resamples the
 * real and the synthetic rows with replacement and recomputes the quantiles, curves and fractions from their
 * per-row distances and indicators, with centres and nearest neighbours held fixed. It captures the sampling
 * variation of the quantiles and fractions (width ∝ \(1/\sqrt{M}\), \(1/\sqrt{N}\)), not that of the neighbour
 * distances, so it is somewhat narrow; it costs no further k-NN search.
 *
 * <p>Reference: Alaa, A. M., van Breugel, B., Saveliev, E. &amp; van der Schaar, M. (2022). How faithful is your
 * synthetic data? Sample-level metrics for evaluating and auditing generative models. ICML 2022,
 * arXiv:2102.08921.
 */
public final class Faithfulness {
    private final int steps;
    private final int bootstrap;
    private final double confidence;
    private final long seed;
    private final int threads;

    private Faithfulness(int steps, int bootstrap, double confidence, long seed, int threads) {
        this.steps = steps;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: 30 steps of α and β (the authors'), 200 bootstrap replicates, confidence 0.95, seed 0, as many
     * threads as processors (the results do not depend on them).
     *
     * @return the metrics with defaults
     */
    public static Faithfulness withDefaults() {
        return new Faithfulness(30, 200, 0.95, 0, Tasks.defaultThreads());
    }

    /**
     * @param v the steps of α and β, at least 2
     * @return a copy
     */
    public Faithfulness withSteps(int v) {
        return new Faithfulness(Resampling.checkAtLeast("steps", v, 2), bootstrap, confidence, seed, threads);
    }

    /**
     * @param v bootstrap replicates, at least 2
     * @return a copy
     */
    public Faithfulness withBootstrap(int v) {
        return new Faithfulness(steps, Resampling.checkAtLeast("bootstrap", v, 2), confidence, seed, threads);
    }

    /**
     * @param v the intervals' confidence level, in (0, 1)
     * @return a copy
     */
    public Faithfulness withConfidence(double v) {
        return new Faithfulness(steps, bootstrap, Resampling.checkConfidence("confidence", v), seed, threads);
    }

    /**
     * @param v the bootstrap's seed
     * @return a copy
     */
    public Faithfulness withSeed(long v) {
        return new Faithfulness(steps, bootstrap, confidence, v, threads);
    }

    /**
     * @param v threads, at least 1
     * @return a copy
     */
    public Faithfulness withThreads(int v) {
        return new Faithfulness(steps, bootstrap, confidence, seed, Resampling.checkAtLeast("threads", v, 1));
    }

    /**
     * @param synthetic the synthetic rows, at least 1
     * @param real the real rows, at least 2, with the same columns
     * @return the three metrics, their curves and intervals
     */
    public Result compute(Samples synthetic, Samples real) {
        if (synthetic.columns() != real.columns()) {
            throw new InvalidInputException("the synthetic rows have " + synthetic.columns()
                    + " columns but the real rows have " + real.columns());
        }
        if (real.rows() < 2 || synthetic.rows() < 1) {
            throw new InvalidInputException("alpha-precision needs at least 2 real rows and 1 synthetic row: "
                    + real.rows() + " and " + synthetic.rows());
        }
        int n = real.rows();
        int m = synthetic.rows();
        int d = real.columns();
        double[] x = real.toArray();
        double[] y = synthetic.toArray();
        double[] realCentre = mean(x, n, d);
        double[] synthCentre = mean(y, m, d);
        NearestNeighborSearch nn = NearestNeighborSearch.withDefaults().withK(1).withThreads(threads);
        Neighbors within = nn.searchWithin(real);
        Neighbors realToSynth = nn.search(real, synthetic);
        Neighbors synthToReal = nn.search(synthetic, real);
        PerRow rows = new PerRow(n, m);
        for (int i = 0; i < n; i++) {
            rows.realToCentre[i] = ExactDistance.euclidean(x, i * d, realCentre, 0, d);
            rows.covered[i] = realToSynth.distance(i, 0) <= within.distance(i, 0);
            rows.betaDistance[i] = ExactDistance.euclidean(y, realToSynth.index(i, 0) * d, synthCentre, 0, d);
        }
        for (int j = 0; j < m; j++) {
            rows.synthToCentre[j] = ExactDistance.euclidean(y, j * d, realCentre, 0, d);
            rows.synthToSynthCentre[j] = ExactDistance.euclidean(y, j * d, synthCentre, 0, d);
            rows.authentic[j] = synthToReal.distance(j, 0) > within.distance(synthToReal.index(j, 0), 0);
        }
        double[] alphas = new double[steps];
        Arrays.setAll(alphas, k -> (double) k / (steps - 1));
        int[] allReal = new int[n];
        Arrays.setAll(allReal, i -> i);
        int[] allSynth = new int[m];
        Arrays.setAll(allSynth, j -> j);
        double[] precisionCurve = new double[steps];
        double[] recallCurve = new double[steps];
        double[] point = rows.scores(allReal, allSynth, alphas, precisionCurve, recallCurve);

        List<UniformRandomProvider> streams = Resampling.streams(seed, bootstrap);
        double[][] replicates = new double[3][bootstrap];
        Tasks.run(bootstrap, threads, b -> {
            UniformRandomProvider rng = streams.get(b);
            int[] ri = new int[n];
            Arrays.setAll(ri, i -> rng.nextInt(n));
            int[] si = new int[m];
            Arrays.setAll(si, j -> rng.nextInt(m));
            double[] s = rows.scores(ri, si, alphas, new double[steps], new double[steps]);
            for (int v = 0; v < 3; v++) {
                replicates[v][b] = s[v];
            }
        });
        double[][] intervals = new double[3][];
        for (int v = 0; v < 3; v++) {
            intervals[v] = Resampling.percentileInterval(replicates[v], confidence);
        }
        return new Result(point[0], intervals[0][0], intervals[0][1], point[1], intervals[1][0], intervals[1][1],
                point[2], intervals[2][0], intervals[2][1], alphas, precisionCurve, recallCurve, m, n);
    }

    private static double[] mean(double[] v, int rows, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += v[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= rows;
        }
        return mean;
    }

    /** The per-row distances and indicators every score is computed from. */
    private static final class PerRow {
        final double[] realToCentre;
        final boolean[] covered;
        final double[] betaDistance;
        final double[] synthToCentre;
        final double[] synthToSynthCentre;
        final boolean[] authentic;

        PerRow(int n, int m) {
            realToCentre = new double[n];
            covered = new boolean[n];
            betaDistance = new double[n];
            synthToCentre = new double[m];
            synthToSynthCentre = new double[m];
            authentic = new boolean[m];
        }

        /** @return {ΔP_α, ΔC_β, authenticity} of the real rows ri and synthetic rows si (indices, repeats allowed) */
        double[] scores(int[] ri, int[] si, double[] alphas, double[] precisionCurve, double[] recallCurve) {
            double[] realRadius = sortedOf(realToCentre, ri);
            double[] synthRadius = sortedOf(synthToSynthCentre, si);
            double[] synthDistance = sortedOf(synthToCentre, si);
            double step = alphas[1] - alphas[0];
            double precisionError = 0;
            double recallError = 0;
            for (int k = 0; k < alphas.length; k++) {
                double r = Resampling.quantile(realRadius, alphas[k]);
                precisionCurve[k] = (double) countAtMost(synthDistance, r) / si.length;
                double s = Resampling.quantile(synthRadius, alphas[k]);
                int in = 0;
                for (int i : ri) {
                    in += covered[i] && betaDistance[i] <= s ? 1 : 0;
                }
                recallCurve[k] = (double) in / ri.length;
                precisionError += Math.abs(alphas[k] - precisionCurve[k]);
                recallError += Math.abs(alphas[k] - recallCurve[k]);
            }
            int authenticCount = 0;
            for (int j : si) {
                authenticCount += authentic[j] ? 1 : 0;
            }
            return new double[] {1 - 2 * precisionError * step, 1 - 2 * recallError * step,
                (double) authenticCount / si.length};
        }

        private static double[] sortedOf(double[] values, int[] index) {
            double[] out = new double[index.length];
            for (int i = 0; i < index.length; i++) {
                out[i] = values[index[i]];
            }
            Arrays.sort(out);
            return out;
        }

        /** @return the number of sorted values at most v */
        private static int countAtMost(double[] sorted, double v) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * @param alphaPrecision ΔP_α
     * @param alphaPrecisionLower its interval's lower end
     * @param alphaPrecisionUpper its upper end
     * @param betaRecall ΔC_β
     * @param betaRecallLower its interval's lower end
     * @param betaRecallUpper its upper end
     * @param authenticity the fraction of authentic synthetic rows
     * @param authenticityLower its interval's lower end
     * @param authenticityUpper its upper end
     * @param alphas the α (and β) grid
     * @param precisionCurve P_α on the grid
     * @param recallCurve C_β on the grid
     * @param syntheticRows M
     * @param realRows N
     */
    public record Result(double alphaPrecision, double alphaPrecisionLower, double alphaPrecisionUpper,
            double betaRecall, double betaRecallLower, double betaRecallUpper, double authenticity,
            double authenticityLower, double authenticityUpper, double[] alphas, double[] precisionCurve,
            double[] recallCurve, int syntheticRows, int realRows) {
    }
}
