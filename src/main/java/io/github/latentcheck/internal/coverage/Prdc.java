package io.github.latentcheck.internal.coverage;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.knn.ExactDistance;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;

/**
 * k-NN manifold metrics of generated samples Y_1..Y_M against real samples X_1..X_N: precision,
 * recall, density and coverage (Naeem et al. 2020), and improved precision and recall (Kynkäänniemi
 * et al. 2019). With {@code NND_k(X_i)} the distance from X_i to its k-th nearest <i>other</i> real
 * sample and {@code B(x, r)} the ball of radius r around x:
 * <ul>
 * <li>precision = (1/M) Σ_j 1[∃ i: Y_j ∈ B(X_i, NND_k(X_i))]</li>
 * <li>recall = (1/N) Σ_i 1[∃ j: X_i ∈ B(Y_j, NND_k(Y_j))] (the generated samples' own radii)</li>
 * <li>density = (1/(kM)) Σ_j Σ_i 1[Y_j ∈ B(X_i, NND_k(X_i))]</li>
 * <li>coverage = (1/N) Σ_i 1[∃ j: Y_j ∈ B(X_i, NND_k(X_i))]</li>
 * </ul>
 * "∈ B" is tested two ways: strict, {@code ‖·‖ < r}, as the authors' code for PRDC
 * ({@code clovaai/generative-evaluation-prdc}), and inclusive, {@code ‖·‖ ≤ r}, as Kynkäänniemi
 * et al.'s definition; they differ only on ties, such as a generated sample that copies a real one
 * whose own k-th neighbour is at distance 0. PRDC uses k = 5 and improved precision/recall k = 3
 * (the papers' defaults); improved precision and recall are the precision and recall formulas at
 * their k.
 *
 * <p><b>Exact and bounded in memory.</b> The ball tests need, for each real X_i, every generated
 * sample within its radius r_i — a range query, not a k-NN query. It is answered exactly with a
 * k-NN search of the real rows among the generated rows for K = min(M, 4 k' ⌈M/N⌉) neighbours
 * (k' the larger of the two k): when the K-th neighbour is farther than r_i every generated sample
 * in the ball is among the K found (under identical distributions a ball holds k M / N of them on
 * average); otherwise (a crowded ball, e.g. mode collapse) that one real row is scanned against
 * all generated rows. Recall is the same range query the other way round: the generated rows
 * searched among the real rows, each ball of radius s_j tested against its candidates or, when
 * crowded, against all real rows. Memory is O((N + M) K); time is four k-NN searches (within each
 * set and across, both ways) plus the rare scans. Every ball test
 * uses one distance function, {@code sqrt(Σ_c (x_c − y_c)²)} summed in column order in double
 * precision from the values as given ({@link ExactDistance}), so ties are decided the same way every
 * time; the k-NN search only proposes candidates.
 *
 * <p>References:
 * <ol>
 * <li>Naeem, M. F., Oh, S. J., Uh, Y., Choi, Y. and Yoo, J. (2020). Reliable fidelity and
 * diversity metrics for generative models. ICML 2020, arXiv:2002.09797.</li>
 * <li>Kynkäänniemi, T., Karras, T., Laine, S., Lehtinen, J. and Aila, T. (2019). Improved
 * precision and recall metric for assessing generative models. NeurIPS 2019, arXiv:1904.06991.</li>
 * </ol>
 */
public final class Prdc {
    private static final double MARGIN = 1e-9;

    private final int k;
    private final int iprK;
    private final int threads;
    private final BiFunction<String, Long, LongConsumer> searchProgress;

    private Prdc(int k, int iprK, int threads, BiFunction<String, Long, LongConsumer> searchProgress) {
        this.k = k;
        this.iprK = iprK;
        this.threads = threads;
        this.searchProgress = searchProgress;
    }

    /**
     * Defaults: {@code k = 5} for PRDC, {@code k = 3} for improved precision and recall, as many
     * threads as available processors (results do not depend on them); no progress reports.
     *
     * @return the metrics with defaults
     */
    public static Prdc withDefaults() {
        return new Prdc(5, 3, Tasks.defaultThreads(), (search, rows) -> done -> { });
    }

    /**
     * @param v the PRDC neighbour rank, at least 1
     * @return a copy with that k
     */
    public Prdc withK(int v) {
        if (v < 1) {
            throw new InvalidInputException("k is not at least 1: " + v);
        }
        return new Prdc(v, iprK, threads, searchProgress);
    }

    /**
     * @param v the improved precision/recall neighbour rank, at least 1
     * @return a copy with that k
     */
    public Prdc withImprovedK(int v) {
        if (v < 1) {
            throw new InvalidInputException("ipr_k is not at least 1: " + v);
        }
        return new Prdc(k, v, threads, searchProgress);
    }

    /**
     * @param v threads, at least 1
     * @return a copy with that thread count
     */
    public Prdc withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new Prdc(k, iprK, v, searchProgress);
    }

    /**
     * Reports each of the four k-NN searches (the long steps) as it goes: told a search's name,
     * e.g. {@code "radii of 2000 real rows"}, and its rows, it returns what hears the rows done, as
     * {@link NearestNeighborSearch#withProgress} does; {@code CheckProgress::step} fits.
     *
     * @param v the searches' progress
     * @return a copy that reports there
     */
    public Prdc withProgress(BiFunction<String, Long, LongConsumer> v) {
        return new Prdc(k, iprK, threads, Objects.requireNonNull(v, "progress"));
    }

    /**
     * The expected coverage when the generated and real samples are i.i.d. from one continuous
     * distribution: X_i is covered unless its k nearest among the N − 1 other real and M generated
     * points are all real, and by exchangeability that has probability
     * \(\prod_{j=0}^{k-1} (N-1-j)/(N+M-1-j)\), so
     * \(E[\text{coverage}] = 1 - \prod_{j=0}^{k-1} \frac{N-1-j}{N+M-1-j}\) (Naeem et al. 2020, §3.2).
     * The expected density is exactly 1: a generated point lies in X_i's ball with probability k/N.
     *
     * @param n real rows N
     * @param m generated rows M
     * @param k the neighbour rank
     * @return the expected coverage
     */
    public static double expectedCoverage(int n, int m, int k) {
        double allReal = 1;
        for (int j = 0; j < k; j++) {
            allReal *= (double) (n - 1 - j) / (n + m - 1 - j);
        }
        return 1 - allReal;
    }

    /**
     * @param real the real rows X (training data)
     * @param generated the generated rows Y, with the same columns
     * @return the metrics
     * @throws InvalidInputException if the columns differ or a k is not below both row counts
     */
    public Result compute(Samples real, Samples generated) {
        checkColumns(real, generated);
        return compute(reference(real), generated);
    }

    private static void checkColumns(Samples real, Samples generated) {
        if (real.columns() != generated.columns()) {
            throw new InvalidInputException("the generated samples have " + generated.columns()
                    + " columns but the real samples have " + real.columns());
        }
    }

    /**
     * The real rows with their k-th neighbour radii, computed once so that several sets of
     * generated rows (the generator's, the holdout baseline) can be scored against them.
     *
     * @param real the real rows X
     * @return the prepared reference
     * @throws InvalidInputException if a k is not below the number of rows
     */
    public Reference reference(Samples real) {
        int kMax = Math.max(k, iprK);
        checkRows("real", real.rows(), kMax);
        double[] x = real.toArray();
        double[][] radii = radii(search("radii of " + real.rows() + " real rows", real.rows()).withK(kMax)
                .searchWithin(real), x, real.columns());
        return new Reference(this, real, x, radii);
    }

    /**
     * @param reference real rows prepared by {@link #reference} of this object
     * @param generated the generated rows Y, with the same columns
     * @return the metrics
     * @throws InvalidInputException if the columns differ or a k is not below the number of generated rows
     */
    public Result compute(Reference reference, Samples generated) {
        if (reference.owner != this) {
            throw new IllegalArgumentException("the reference was prepared with other settings");
        }
        Samples real = reference.real;
        checkColumns(real, generated);
        int kMax = Math.max(k, iprK);
        checkRows("generated", generated.rows(), kMax);
        int n = real.rows();
        int m = generated.rows();
        int d = real.columns();
        double[] x = reference.rows;
        double[] y = generated.toArray();
        double[][] realRadii = reference.radii;
        double[][] generatedRadii = radii(search("radii of " + m + " generated rows", m).withK(kMax)
                .searchWithin(generated), y, d);

        Neighbors realToGenerated = search("generated rows near " + n + " real rows", n)
                .withK(candidates(m, n, kMax)).search(real, generated);
        BallHits precisionSide = new BallHits(m, n);
        Tasks.run(n, threads, i -> precisionSide.scan(i, x, y, d, realToGenerated,
                realRadii[k - 1][i], realRadii[iprK - 1][i], m));
        Neighbors generatedToReal = search("real rows near " + m + " generated rows", m)
                .withK(candidates(n, m, kMax)).search(generated, real);
        BallHits recallSide = new BallHits(n, m);
        Tasks.run(m, threads, j -> recallSide.scan(j, y, x, d, generatedToReal,
                generatedRadii[k - 1][j], generatedRadii[iprK - 1][j], n));

        return new Result(n, m, k, iprK,
                precisionSide.fractionHit(0), precisionSide.fractionHit(1),
                recallSide.fractionHit(0), recallSide.fractionHit(1),
                precisionSide.totalHits(0) / ((double) k * m), precisionSide.totalHits(1) / ((double) k * m),
                precisionSide.fractionCentresHit(0), precisionSide.fractionCentresHit(1),
                precisionSide.fractionHit(3), precisionSide.fractionHit(2),
                recallSide.fractionHit(3), recallSide.fractionHit(2));
    }

    /**
     * The candidates per centre for the ball tests: four times the larger k, scaled by how many
     * points there are per centre, so that under identical distributions a ball's points are almost
     * always all among them.
     */
    private static int candidates(int points, int centres, int kMax) {
        return (int) Math.min(points, 4L * kMax * Math.max(1, (points + centres - 1) / centres));
    }

    private NearestNeighborSearch search(String name, int queries) {
        return NearestNeighborSearch.withDefaults().withThreads(threads)
                .withProgress(searchProgress.apply(name, (long) queries));
    }

    private static void checkRows(String which, int rows, int kMax) {
        if (kMax >= rows) {
            throw new InvalidInputException("k = " + kMax + " is not below the number of " + which + " rows ("
                    + rows + "): the k-th nearest other row does not exist");
        }
    }

    /** radii[r][i]: the distance from row i to its (r+1)-th nearest other row, by {@link #distance}. */
    private double[][] radii(Neighbors within, double[] data, int d) {
        int rows = within.queries();
        double[][] radii = new double[within.k()][rows];
        Tasks.run(within.k(), threads, r -> {
            for (int i = 0; i < rows; i++) {
                radii[r][i] = distance(data, i * d, data, within.index(i, r) * d, d);
            }
        });
        return radii;
    }

    /**
     * The Euclidean distance between two rows as the k-NN search measures it
     * ({@link ExactDistance#euclidean}).
     *
     * @param a one array
     * @param ao where the first row starts
     * @param b another array
     * @param bo where the second row starts
     * @param d the number of columns
     * @return the distance
     */
    static double distance(double[] a, int ao, double[] b, int bo, int d) {
        return ExactDistance.euclidean(a, ao, b, bo, d);
    }

    /**
     * Ball membership between centres (each with a radius at rank k and at rank k_ipr) and points.
     * Variants: 0 strict at k, 1 inclusive at k, 2 strict at k_ipr, 3 inclusive at k_ipr.
     */
    private final class BallHits {
        private final AtomicIntegerArray[] pointHits = new AtomicIntegerArray[4];
        private final AtomicIntegerArray[] centreHit = new AtomicIntegerArray[4];

        BallHits(int points, int centres) {
            for (int v = 0; v < 4; v++) {
                pointHits[v] = new AtomicIntegerArray(points);
                centreHit[v] = new AtomicIntegerArray(centres);
            }
        }

        /** Tests every point within reach of centre i, exactly, from its K candidates or a full scan. */
        void scan(int i, double[] centres, double[] points, int d, Neighbors candidates, double radius,
                double iprRadius, int pointCount) {
            int kc = candidates.k();
            double reach = Math.max(radius, iprRadius);
            boolean complete = kc == pointCount || candidates.distance(i, kc - 1) > reach * (1 + MARGIN);
            if (complete) {
                for (int rank = 0; rank < kc; rank++) {
                    test(i, candidates.index(i, rank), centres, points, d, radius, iprRadius);
                }
            } else {
                for (int j = 0; j < pointCount; j++) {
                    test(i, j, centres, points, d, radius, iprRadius);
                }
            }
        }

        private void test(int i, int j, double[] centres, double[] points, int d, double radius, double iprRadius) {
            double dist = distance(centres, i * d, points, j * d, d);
            mark(0, i, j, dist < radius);
            mark(1, i, j, dist <= radius);
            mark(2, i, j, dist < iprRadius);
            mark(3, i, j, dist <= iprRadius);
        }

        private void mark(int variant, int centre, int point, boolean inside) {
            if (inside) {
                pointHits[variant].incrementAndGet(point);
                centreHit[variant].set(centre, 1);
            }
        }

        /** The fraction of points inside at least one ball. */
        double fractionHit(int variant) {
            int hit = 0;
            for (int j = 0; j < pointHits[variant].length(); j++) {
                hit += pointHits[variant].get(j) > 0 ? 1 : 0;
            }
            return (double) hit / pointHits[variant].length();
        }

        /** The number of (point, ball) memberships. */
        double totalHits(int variant) {
            long total = 0;
            for (int j = 0; j < pointHits[variant].length(); j++) {
                total += pointHits[variant].get(j);
            }
            return total;
        }

        /** The fraction of balls holding at least one point. */
        double fractionCentresHit(int variant) {
            int hit = 0;
            for (int i = 0; i < centreHit[variant].length(); i++) {
                hit += centreHit[variant].get(i);
            }
            return (double) hit / centreHit[variant].length();
        }
    }

    /** Real rows and their k-th neighbour radii, ready to score generated rows against. */
    public static final class Reference {
        private final Prdc owner;
        private final Samples real;
        private final double[] rows;
        private final double[][] radii;

        private Reference(Prdc owner, Samples real, double[] rows, double[][] radii) {
            this.owner = owner;
            this.real = real;
            this.rows = rows;
            this.radii = radii;
        }
    }

    /**
     * The metrics of one comparison.
     *
     * @param realRows N
     * @param generatedRows M
     * @param k the PRDC neighbour rank
     * @param improvedK the improved precision/recall neighbour rank
     * @param precision PRDC precision, strict ball test
     * @param precisionInclusive PRDC precision, inclusive ball test
     * @param recall PRDC recall, strict
     * @param recallInclusive PRDC recall, inclusive
     * @param density PRDC density, strict
     * @param densityInclusive PRDC density, inclusive
     * @param coverage PRDC coverage, strict
     * @param coverageInclusive PRDC coverage, inclusive
     * @param improvedPrecision improved precision (inclusive, as defined by Kynkäänniemi et al.)
     * @param improvedPrecisionStrict improved precision, strict
     * @param improvedRecall improved recall (inclusive)
     * @param improvedRecallStrict improved recall, strict
     */
    public record Result(int realRows, int generatedRows, int k, int improvedK, double precision,
            double precisionInclusive, double recall, double recallInclusive, double density, double densityInclusive,
            double coverage, double coverageInclusive, double improvedPrecision, double improvedPrecisionStrict,
            double improvedRecall, double improvedRecallStrict) {
    }
}
