package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The Vendi score of a set of n rows (Friedman &amp; Dieng 2023): the exponential of the Shannon entropy of the
 * eigenvalues \(\lambda_i\) of \(K/n\), for a similarity kernel with \(k(x, x) = 1\),
 * \[ \mathrm{VS} = \exp\Big(-\sum_{\lambda_i &gt; 0} \lambda_i \log \lambda_i\Big), \]
 * the effective number of distinct rows: 1 when all rows are equal, n when they are mutually dissimilar
 * (non-positive rounding eigenvalues are dropped, as the authors' {@code vendi_score} package does).
 *
 * <p><b>Kernels.</b> {@link Kernel#COSINE} (the default, the authors' choice for image embeddings):
 * \(k(x, y) = x \cdot y / (\|x\|\|y\|)\); it is linear in the normalised rows \(\hat x\), so \(K = \hat X \hat X^\top\)
 * and \(K/n\) has the same non-zero eigenvalues as the d × d matrix \(\hat X^\top \hat X / n\): for n &gt; d the
 * dual form is used (O(n d² + d³) instead of O(n³)). Rows of norm 0 are refused. {@link Kernel#RBF}:
 * \(k(x, y) = \exp(-\|x - y\|^2 / (2\sigma^2))\) with σ given or, by default, the median pairwise distance of the
 * rows used; it needs the n × n matrix, so at most {@code maxRows} rows (default 500, a seeded draw without
 * replacement) are used. The score depends on the kernel and, for RBF, on σ: compare scores with one setting.
 *
 * <p><b>Interval.</b> A percentile bootstrap: a replicate resamples the rows with replacement, that is, weights
 * row i by its count \(c_i\); the non-zero eigenvalues of the resampled \(K/n\) are those of
 * \(\sum_i c_i \hat x_i \hat x_i^\top / n\) (dual) or of \(D K D / n\) with \(D = \mathrm{diag}(\sqrt{c_i})\), so
 * repeated rows are counted as the resample has them. For a fixed kernel VS estimates the exponential entropy of
 * the kernel's population operator; its interval's width shrinks as \(1/\sqrt{n}\).
 *
 * <p>Reference: Friedman, D. &amp; Dieng, A. B. (2023). The Vendi score: a diversity evaluation metric for machine
 * learning. <i>Transactions on Machine Learning Research</i>, arXiv:2210.02410.
 */
public final class VendiScore {
    /** The similarity kernel. */
    public enum Kernel {
        /** \(x \cdot y / (\|x\|\|y\|)\), with the dual form for n &gt; d. */
        COSINE,
        /** \(\exp(-\|x - y\|^2 / (2\sigma^2))\). */
        RBF
    }

    private final Kernel kernel;
    private final double bandwidth;
    private final int maxRows;
    private final int bootstrap;
    private final double confidence;
    private final long seed;
    private final int threads;

    private VendiScore(Kernel kernel, double bandwidth, int maxRows, int bootstrap, double confidence, long seed,
            int threads) {
        this.kernel = kernel;
        this.bandwidth = bandwidth;
        this.maxRows = maxRows;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: the cosine kernel, RBF bandwidth by the median heuristic, at most 500 rows for the n × n form,
     * 200 bootstrap replicates, confidence 0.95, seed 0, as many threads as processors (the results do not
     * depend on them).
     *
     * @return the score with defaults
     */
    public static VendiScore withDefaults() {
        return new VendiScore(Kernel.COSINE, Double.NaN, 500, 200, 0.95, 0, Tasks.defaultThreads());
    }

    /**
     * @param v the kernel
     * @return a copy
     */
    public VendiScore withKernel(Kernel v) {
        return new VendiScore(Objects.requireNonNull(v, "kernel"), bandwidth, maxRows, bootstrap,
                confidence, seed, threads);
    }

    /**
     * @param v the RBF bandwidth σ, positive and finite
     * @return a copy
     */
    public VendiScore withBandwidth(double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException("bandwidth is not strictly positive and finite: " + v);
        }
        return new VendiScore(kernel, v, maxRows, bootstrap, confidence, seed, threads);
    }

    /**
     * @param v the most rows of the n × n form, at least 2
     * @return a copy
     */
    public VendiScore withMaxRows(int v) {
        return new VendiScore(kernel, bandwidth, Resampling.checkAtLeast("max_rows", v, 2), bootstrap, confidence,
                seed, threads);
    }

    /**
     * @param v bootstrap replicates, at least 2
     * @return a copy
     */
    public VendiScore withBootstrap(int v) {
        return new VendiScore(kernel, bandwidth, maxRows, Resampling.checkAtLeast("bootstrap", v, 2), confidence,
                seed, threads);
    }

    /**
     * @param v the interval's confidence level, in (0, 1)
     * @return a copy
     */
    public VendiScore withConfidence(double v) {
        return new VendiScore(kernel, bandwidth, maxRows, bootstrap, Resampling.checkConfidence("confidence", v),
                seed, threads);
    }

    /**
     * @param v the seed of the row draw and the bootstrap
     * @return a copy
     */
    public VendiScore withSeed(long v) {
        return new VendiScore(kernel, bandwidth, maxRows, bootstrap, confidence, v, threads);
    }

    /**
     * @param v threads, at least 1
     * @return a copy
     */
    public VendiScore withThreads(int v) {
        return new VendiScore(kernel, bandwidth, maxRows, bootstrap, confidence, seed,
                Resampling.checkAtLeast("threads", v, 1));
    }

    /**
     * @param eigenvalues the eigenvalues of K/n
     * @return \(\exp(-\sum_{\lambda &gt; 0} \lambda \log \lambda)\)
     */
    public static double score(double[] eigenvalues) {
        double h = 0;
        for (double l : eigenvalues) {
            if (l > 0) {
                h -= l * Math.log(l);
            }
        }
        return Math.exp(h);
    }

    /**
     * @param samples the rows, at least 2
     * @return the score, its interval and the form used
     */
    public Result compute(Samples samples) {
        if (samples.rows() < 2) {
            throw new InvalidInputException("the Vendi score needs at least 2 rows: " + samples.rows());
        }
        int d = samples.columns();
        List<UniformRandomProvider> streams = Resampling.streams(seed, bootstrap + 1);
        double[] x;
        int n;
        if (kernel == Kernel.RBF && samples.rows() > maxRows) {
            n = maxRows;
            x = new double[n * d];
            int[] keep = Resampling.withoutReplacement(streams.get(bootstrap), samples.rows(), n);
            Arrays.sort(keep);
            for (int i = 0; i < n; i++) {
                samples.copyRows(keep[i], keep[i] + 1, x, i * d);
            }
        } else {
            n = samples.rows();
            x = samples.toArray();
        }
        boolean dual = kernel == Kernel.COSINE && n > d;
        double sigma = Double.NaN;
        double[][] gram = null;
        if (kernel == Kernel.COSINE) {
            normalise(x, n, d);
            if (!dual) {
                gram = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += x[i * d + c] * x[j * d + c];
                        }
                        gram[i][j] = s;
                        gram[j][i] = s;
                    }
                }
            }
        } else {
            double[] dist = new double[n * (n - 1) / 2];
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    dist[at++] = Math.sqrt(TwoSampleDistance.squaredDistance(x, i * d, j * d, d));
                }
            }
            sigma = Double.isNaN(bandwidth) ? TwoSampleDistance.median(dist.clone()) : bandwidth;
            if (!(sigma > 0)) {
                throw new InvalidInputException("the median pairwise distance of the rows is 0: no RBF bandwidth");
            }
            gram = new double[n][n];
            at = 0;
            for (int i = 0; i < n; i++) {
                gram[i][i] = 1;
                for (int j = i + 1; j < n; j++) {
                    double v = Math.exp(-dist[at] * dist[at] / (2 * sigma * sigma));
                    at++;
                    gram[i][j] = v;
                    gram[j][i] = v;
                }
            }
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        double[][] g = gram;
        double value = dual ? dualScore(x, n, d, ones, threads) : gramScore(g, ones);
        double[] replicates = new double[bootstrap];
        Tasks.run(bootstrap, threads, b -> {
            int[] counts = Resampling.counts(streams.get(b), n);
            replicates[b] = dual ? dualScore(x, n, d, counts, 1) : gramScore(g, counts);
        });
        double[] interval = Resampling.percentileInterval(replicates, confidence);
        return new Result(value, interval[0], interval[1], n, dual, sigma);
    }

    private static void normalise(double[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += x[i * d + c] * x[i * d + c];
            }
            if (!(s > 0)) {
                throw new InvalidInputException("row " + i + " has norm 0: the cosine kernel is undefined for it");
            }
            double norm = Math.sqrt(s);
            for (int c = 0; c < d; c++) {
                x[i * d + c] /= norm;
            }
        }
    }

    /** VS from the eigenvalues of \(\sum_i w_i \hat x_i \hat x_i^\top / n\) ({@link DenseMatrices}). */
    private static double dualScore(double[] x, int n, int d, int[] w, int threads) {
        double[] c = DenseMatrices.scatter(x, n, d, new double[d], w, threads);
        for (int i = 0; i < c.length; i++) {
            c[i] /= n;
        }
        return score(DenseMatrices.symmetricEigenvalues(c, d));
    }

    /** VS from the eigenvalues of \(D K D / n\), \(D = \mathrm{diag}(\sqrt{w_i})\). */
    private static double gramScore(double[][] k, int[] w) {
        int n = k.length;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            double wi = Math.sqrt(w[i]);
            for (int j = 0; j < n; j++) {
                m[i * n + j] = wi * Math.sqrt(w[j]) * k[i][j] / n;
            }
        }
        return score(DenseMatrices.symmetricEigenvalues(m, n));
    }

    /**
     * @param score VS
     * @param lower the bootstrap interval's lower end
     * @param upper its upper end
     * @param rows the rows used
     * @param dual whether the d × d dual form was used
     * @param bandwidth the RBF bandwidth σ used (NaN for the cosine kernel)
     */
    public record Result(double score, double lower, double upper, int rows, boolean dual, double bandwidth) {
    }
}
