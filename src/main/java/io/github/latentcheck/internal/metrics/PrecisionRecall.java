package io.github.latentcheck.internal.metrics;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.knn.ExactDistance;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) of generated rows \(Y_1..Y_M\) against real rows
 * \(X_1..X_N\), with \(r_k(x)\) the distance from a row to its k-th nearest other row of its own set (k = 3, the
 * paper's) and the manifold \(\Phi(S) = \bigcup_{s \in S} B(s, r_k(s))\) with closed balls:
 * \[ \mathrm{precision} = \frac1M \sum_j 1[Y_j \in \Phi(X)], \qquad
 *    \mathrm{recall} = \frac1N \sum_i 1[X_i \in \Phi(Y)], \]
 * where \(y \in \Phi(X)\) iff \(\exists i: \|y - X_i\| \le r_k(X_i)\). Distances are Euclidean, summed in double
 * in column order from the values as given ({@link ExactDistance}).
 *
 * <p><b>Exact, without an all-pairs scan in the common case.</b> A point's candidate centres are its K nearest
 * rows of the other set (K = min(size, 4k), {@link NearestNeighborSearch}); when none holds it and the K-th
 * candidate is farther than the largest radius, no other centre can; otherwise the point is tested against every
 * centre.
 *
 * <p><b>Intervals.</b> A percentile bootstrap conditional on the two manifolds: a replicate resamples the generated
 * rows (for precision) and the real rows (for recall) with replacement and takes the fraction of resampled rows
 * inside, with the radii held fixed ({@code bootstrap} replicates, one seeded stream each). It captures the
 * binomial variation of the fractions, width ∝ \(1/\sqrt M\) and \(1/\sqrt N\), not the variation of the radii
 * themselves, so it is somewhat narrow.
 *
 * <p>Reference: Kynkäänniemi, T., Karras, T., Laine, S., Lehtinen, J. &amp; Aila, T. (2019). Improved precision
 * and recall metric for assessing generative models. NeurIPS 2019, arXiv:1904.06991.
 */
public final class PrecisionRecall {
    private final int k;
    private final int bootstrap;
    private final double confidence;
    private final long seed;
    private final int threads;

    private PrecisionRecall(int k, int bootstrap, double confidence, long seed, int threads) {
        this.k = k;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: k = 3, 200 bootstrap replicates, confidence 0.95, seed 0, as many threads as processors (the
     * results do not depend on them).
     *
     * @return the metric with defaults
     */
    public static PrecisionRecall withDefaults() {
        return new PrecisionRecall(3, 200, 0.95, 0, Tasks.defaultThreads());
    }

    /**
     * @param v the neighbour rank, at least 1
     * @return a copy
     */
    public PrecisionRecall withK(int v) {
        return new PrecisionRecall(Resampling.checkAtLeast("k", v, 1), bootstrap, confidence, seed, threads);
    }

    /**
     * @param v bootstrap replicates, at least 2
     * @return a copy
     */
    public PrecisionRecall withBootstrap(int v) {
        return new PrecisionRecall(k, Resampling.checkAtLeast("bootstrap", v, 2), confidence, seed, threads);
    }

    /**
     * @param v the interval's confidence, in (0, 1)
     * @return a copy
     */
    public PrecisionRecall withConfidence(double v) {
        return new PrecisionRecall(k, bootstrap, Resampling.checkConfidence("confidence", v), seed, threads);
    }

    /**
     * @param v the bootstrap's seed
     * @return a copy
     */
    public PrecisionRecall withSeed(long v) {
        return new PrecisionRecall(k, bootstrap, confidence, v, threads);
    }

    /**
     * @param v threads, at least 1
     * @return a copy
     */
    public PrecisionRecall withThreads(int v) {
        return new PrecisionRecall(k, bootstrap, confidence, seed, Resampling.checkAtLeast("threads", v, 1));
    }

    /**
     * The metrics and their intervals.
     *
     * @param precision the fraction of generated rows inside the real manifold
     * @param precisionLower its interval's lower end
     * @param precisionUpper its upper end
     * @param recall the fraction of real rows inside the generated manifold
     * @param recallLower its interval's lower end
     * @param recallUpper its upper end
     */
    public record Result(double precision, double precisionLower, double precisionUpper, double recall,
            double recallLower, double recallUpper) {
    }

    /**
     * @param generated the generated rows Y
     * @param real the real rows X, with the same columns
     * @return precision, recall and their intervals
     * @throws InvalidInputException if the columns differ or k is not below both row counts
     */
    public Result compute(Samples generated, Samples real) {
        if (generated.columns() != real.columns()) {
            throw new InvalidInputException("the generated samples have " + generated.columns()
                    + " columns but the real samples have " + real.columns());
        }
        for (Samples s : List.of(generated, real)) {
            if (k >= s.rows()) {
                throw new InvalidInputException("k = " + k + " is not below the number of " + (s == real ? "real"
                        : "generated") + " rows (" + s.rows() + "): the k-th nearest other row does not exist");
            }
        }
        boolean[] precisionHits = inside(generated, real);
        boolean[] recallHits = inside(real, generated);
        double[] p = interval(precisionHits, 0);
        double[] r = interval(recallHits, 1);
        return new Result(fraction(precisionHits), p[0], p[1], fraction(recallHits), r[0], r[1]);
    }

    /** Whether each point lies in some centre's ball of radius r_k(centre). */
    private boolean[] inside(Samples points, Samples centres) {
        int d = centres.columns();
        double[] c = centres.toArray();
        double[] x = points.toArray();
        Neighbors own = NearestNeighborSearch.withDefaults().withK(k).withThreads(threads).searchWithin(centres);
        double[] radius = new double[centres.rows()];
        double largest = 0;
        for (int i = 0; i < radius.length; i++) {
            radius[i] = ExactDistance.euclidean(c, i * d, c, own.index(i, k - 1) * d, d);
            largest = Math.max(largest, radius[i]);
        }
        int kc = Math.min(centres.rows(), 4 * k);
        Neighbors near = NearestNeighborSearch.withDefaults().withK(kc).withThreads(threads).search(points, centres);
        boolean[] hit = new boolean[points.rows()];
        double reach = largest;
        Tasks.run(points.rows(), threads, j -> {
            for (int rank = 0; rank < kc && !hit[j]; rank++) {
                int i = near.index(j, rank);
                hit[j] = ExactDistance.euclidean(x, j * d, c, i * d, d) <= radius[i];
            }
            if (!hit[j] && kc < centres.rows() && near.distance(j, kc - 1) <= reach * (1 + 1e-9)) {
                for (int i = 0; i < centres.rows() && !hit[j]; i++) {
                    hit[j] = ExactDistance.euclidean(x, j * d, c, i * d, d) <= radius[i];
                }
            }
        });
        return hit;
    }

    private static double fraction(boolean[] hits) {
        int n = 0;
        for (boolean h : hits) {
            n += h ? 1 : 0;
        }
        return (double) n / hits.length;
    }

    /** The percentile bootstrap of the fraction; stream family {@code which} keeps precision's and recall's apart. */
    private double[] interval(boolean[] hits, int which) {
        List<UniformRandomProvider> streams = Resampling.streams(seed + which * 0x9E3779B97F4A7C15L, bootstrap);
        double[] replicates = new double[bootstrap];
        Tasks.run(bootstrap, threads, b -> {
            int[] counts = Resampling.counts(streams.get(b), hits.length);
            long inside = 0;
            for (int i = 0; i < hits.length; i++) {
                inside += hits[i] ? counts[i] : 0;
            }
            replicates[b] = (double) inside / hits.length;
        });
        return Resampling.percentileInterval(replicates, confidence);
    }
}
