package io.github.latentcheck.stats;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.internal.coverage.KMeansPlusPlus;
import io.github.latentcheck.internal.stats.SparseSubset;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.ReferenceRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Meehan, Chaudhuri and Dasgupta's (2020) non-parametric test for data-copying, with its statistic
 * rescaled to be standard normal under the null and given a p-value.
 *
 * <p>The instance space is cut into cells \(\pi\) by k-means (k-means++ seeding, at most 300 Lloyd iterations;
 * {@link KMeansPlusPlus}, commons-math3's algorithm) fitted on the training set T; a point belongs to
 * the cell of its nearest centre. In each cell the distances to the nearest training row of the
 * generated samples \(Q_m\) and of the held-out rows \(P_n\) are compared by the Mann–Whitney
 * statistic \(Z_U(\pi)\) of {@link RankComparison#z} with the generated distances first, so
 * \(Z_U \ll 0\) when generated samples lie closer to T than held-out data does. Cells holding fewer
 * than \(\tau m\) generated samples (\(\tau = 20/m\): at least 20, the paper's choice) or no held-out
 * row are left out (the set \(\Pi_\tau\)). With the weights \(w_\pi = P_n(\pi)\), the share of held-out
 * rows in the cell, the paper's statistic is
 * \[ C_T = \frac{\sum_{\pi \in \Pi_\tau} w_\pi Z_U(\pi)}{\sum_{\pi \in \Pi_\tau} w_\pi}. \]
 * {@code C_T ≪ 0} signals data-copying, {@code C_T ≫ 0} underfitting.
 *
 * <p><b>Rescaling.</b> The paper (and its reference code) leaves \(C_T\) unscaled. Given the cell
 * counts, the \(Z_U(\pi)\) are independent (disjoint samples) and each is asymptotically N(0, 1) under
 * the null that generated and held-out data come from one distribution, so \(C_T\) is asymptotically
 * normal with variance \(\sum_\pi \bar w_\pi^2\), \(\bar w_\pi = w_\pi / \sum w\). The reported
 * statistic is therefore \(Z = C_T / \sqrt{\sum_\pi \bar w_\pi^2} = \sum w_\pi Z_U(\pi) / \sqrt{\sum w_\pi^2}\),
 * with the one-sided (data-copying) p-value \(\Phi(Z)\), {@link PValueMethod#ASYMPTOTIC}.
 *
 * <p><b>Large training sets.</b> k-means is fitted on at most {@value #MAX_FIT_ROWS} training rows:
 * all of them when T has no more, otherwise a uniform subsample without replacement drawn with the
 * test's seed. The cells are then an estimate from a sample, which the test allows (the cells need
 * only be fixed before the held-out and generated points are placed in them); the distances to the
 * nearest training row always use every row of T. So T may be read block by block
 * ({@link ReferenceRows}, e.g. a memory-mapped file larger than the heap).
 *
 * <p>Reference: Meehan, C., Chaudhuri, K. &amp; Dasgupta, S. (2020). A non-parametric test to detect
 * data-copying in generative models. <i>AISTATS 2020</i>, PMLR 108, 3546–3556, arXiv:2004.05675.
 */
public final class DataCopying {
    /** Lloyd iterations at most. */
    private static final int MAX_ITERATIONS = 300;
    /** The most training rows k-means is fitted on; larger sets are subsampled (seeded). */
    public static final int MAX_FIT_ROWS = 10_000;

    private final int cells;
    private final int minimumCellSamples;
    private final long seed;
    private final int threads;

    private DataCopying(int cells, int minimumCellSamples, long seed, int threads) {
        this.cells = cells;
        this.minimumCellSamples = minimumCellSamples;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * Defaults: 20 cells, at least 20 generated samples per cell used (\(\tau m = 20\)), seed 0, as many
     * threads as available processors.
     *
     * @return the test with defaults
     */
    public static DataCopying withDefaults() {
        return new DataCopying(20, 20, 0, Tasks.defaultThreads());
    }

    /**
     * @param v the number of k-means cells, at least 2
     * @return a copy with that number of cells
     */
    public DataCopying withCells(int v) {
        if (v < 2) {
            throw new InvalidInputException("cells is not at least 2: " + v);
        }
        return new DataCopying(v, minimumCellSamples, seed, threads);
    }

    /**
     * @param v the fewest generated samples a cell must hold to count (\(\tau m\)), at least 1
     * @return a copy with that threshold
     */
    public DataCopying withMinimumCellSamples(int v) {
        if (v < 1) {
            throw new InvalidInputException("minimum cell samples is not at least 1: " + v);
        }
        return new DataCopying(cells, v, seed, threads);
    }

    /**
     * @param v the seed of the k-means++ initialisation
     * @return a copy with that seed
     */
    public DataCopying withSeed(long v) {
        return new DataCopying(cells, minimumCellSamples, v, threads);
    }

    /**
     * @param v threads for the nearest-neighbour searches, at least 1 (results do not depend on it)
     * @return a copy with that thread count
     */
    public DataCopying withThreads(int v) {
        if (v < 1) {
            throw new InvalidInputException("threads is not at least 1: " + v);
        }
        return new DataCopying(cells, minimumCellSamples, seed, v);
    }

    /**
     * The test's outcome.
     *
     * @param ct the paper's \(C_T\)
     * @param z the rescaled statistic, N(0, 1) under the null
     * @param pValue \(\Phi(Z)\), small under data-copying
     * @param cellsUsed the cells in \(\Pi_\tau\)
     * @param cells the cells fitted
     */
    public record Result(double ct, double z, double pValue, int cellsUsed, int cells) {
        /** @return the result as a test named {@code data-copying} with statistic Z */
        public TestResult toTestResult() {
            return TestResult.ofLog("data-copying", z, LogTails.normalUpper(-z), PValueMethod.ASYMPTOTIC);
        }
    }

    /**
     * @param training T, the rows the cells are fitted on; more rows than cells
     * @param holdout \(P_n\), held-out rows from T's distribution
     * @param generated \(Q_m\), the generated samples
     * @return the test's outcome
     * @throws InvalidInputException if the column counts differ, T has no more rows than cells, or no
     *         cell holds enough generated samples
     */
    public Result test(Samples training, Samples holdout, Samples generated) {
        return test(ReferenceRows.of(training), holdout, generated);
    }

    /**
     * @param training T, the rows the cells are fitted on (read block by block); more rows than cells
     * @param holdout \(P_n\), held-out rows from T's distribution
     * @param generated \(Q_m\), the generated samples
     * @return the test's outcome
     * @throws InvalidInputException as {@link #test(Samples, Samples, Samples)}
     */
    public Result test(ReferenceRows training, Samples holdout, Samples generated) {
        checkShapes(training, holdout, generated);
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withThreads(threads);
        return test(training, holdout, search.search(holdout, training).distances(0), generated,
                search.search(generated, training).distances(0));
    }

    /**
     * The test from distances to the nearest training row that the caller has already computed (for
     * example in the same pass over a large T as other statistics).
     *
     * @param training T, the rows the cells are fitted on; more rows than cells
     * @param holdout \(P_n\), held-out rows from T's distribution
     * @param holdoutDistances each held-out row's Euclidean distance to its nearest row of T
     * @param generated \(Q_m\), the generated samples
     * @param generatedDistances each generated sample's Euclidean distance to its nearest row of T
     * @return the test's outcome
     * @throws InvalidInputException as {@link #test(Samples, Samples, Samples)}, or if a distance array
     *         does not have one value per row
     */
    public Result test(ReferenceRows training, Samples holdout, double[] holdoutDistances, Samples generated,
            double[] generatedDistances) {
        checkShapes(training, holdout, generated);
        if (holdoutDistances.length != holdout.rows() || generatedDistances.length != generated.rows()) {
            throw new InvalidInputException("data-copying test: " + holdoutDistances.length + " and "
                    + generatedDistances.length + " distances for " + holdout.rows() + " held-out and "
                    + generated.rows() + " generated rows");
        }
        double[][] centres = fitCells(training);
        List<List<Double>> holdoutByCell = byCell(holdout, holdoutDistances, centres);
        List<List<Double>> generatedByCell = byCell(generated, generatedDistances, centres);
        double weighted = 0;
        double weights = 0;
        double squares = 0;
        int used = 0;
        for (int c = 0; c < centres.length; c++) {
            List<Double> p = holdoutByCell.get(c);
            List<Double> q = generatedByCell.get(c);
            if (q.size() < minimumCellSamples || p.isEmpty()) {
                continue;
            }
            double w = (double) p.size() / holdout.rows();
            weighted += w * RankComparison.z(toArray(q), toArray(p));
            weights += w;
            squares += w * w;
            used++;
        }
        if (used == 0) {
            throw new InvalidInputException("data-copying test: no cell holds " + minimumCellSamples
                    + " generated samples and a held-out row (" + generated.rows() + " generated samples in "
                    + cells + " cells); generate more samples, or lower min_cell_samples or cells");
        }
        double z = weighted / Math.sqrt(squares);
        return new Result(weighted / weights, z, NormalDistribution.of(0, 1).cumulativeProbability(z), used, cells);
    }

    private void checkShapes(ReferenceRows training, Samples holdout, Samples generated) {
        if (holdout.columns() != training.columns() || generated.columns() != training.columns()) {
            throw new InvalidInputException("data-copying test: training, holdout and generated rows have "
                    + training.columns() + ", " + holdout.columns() + " and " + generated.columns() + " columns");
        }
        if (training.rows() <= cells) {
            throw new InvalidInputException("data-copying test: " + cells + " cells need more training rows: "
                    + training.rows());
        }
    }

    private double[][] fitCells(ReferenceRows training) {
        int n = training.rows();
        int d = training.columns();
        double[] rows;
        if (n <= MAX_FIT_ROWS) {
            rows = new double[n * d];
            training.copyBlock(0, n, rows, 0);
        } else {
            int[] picked = SparseSubset.sample(RandomSource.XO_SHI_RO_256_PP.create(seed), n, MAX_FIT_ROWS);
            Arrays.sort(picked);
            rows = new double[picked.length * d];
            for (int j = 0; j < picked.length; j++) {
                System.arraycopy(training.row(picked[j]), 0, rows, j * d, d);
            }
        }
        double[][] centres = KMeansPlusPlus.centres(rows, d, cells, MAX_ITERATIONS, new Well19937c(seed), threads);
        return centres;
    }

    private static List<List<Double>> byCell(Samples rows, double[] distances, double[][] centres) {
        List<List<Double>> cells = new ArrayList<>(centres.length);
        for (int c = 0; c < centres.length; c++) {
            cells.add(new ArrayList<>());
        }
        for (int r = 0; r < rows.rows(); r++) {
            double[] row = rows.row(r);
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length; c++) {
                double s = 0;
                for (int j = 0; j < row.length; j++) {
                    double d = row[j] - centres[c][j];
                    s += d * d;
                }
                if (s < bestDistance) {
                    bestDistance = s;
                    best = c;
                }
            }
            cells.get(best).add(distances[r]);
        }
        return cells;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
