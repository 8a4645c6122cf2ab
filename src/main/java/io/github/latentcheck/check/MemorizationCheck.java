package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.ImageGrid;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Precision;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.engine.Engine;
import io.github.latentcheck.internal.stats.SparseSubset;
import io.github.latentcheck.knn.NearestNeighborSearch;
import io.github.latentcheck.knn.Neighbors;
import io.github.latentcheck.knn.ReferenceRows;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.DataCopying;
import io.github.latentcheck.stats.RankComparison;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * {@code memorization}: does the generator copy its training data? For every generated sample x it
 * finds the distances \(d_1 \le d_2 \le \dots \le d_n\) to its n nearest training rows (exact
 * Euclidean, {@link NearestNeighborSearch}) and the distance \(h_1\) to the nearest held-out row, and
 * scores it by
 * <ul>
 * <li>the nearest-neighbour ratio \(r = d_1/d_2\), a copy when \(r &lt; 1/3\) (Gu et al. 2023);</li>
 * <li>Carlini et al.'s (2023, §5.1) score
 * \(\ell(\hat x, x; S_{\hat x}) = \ell_2(\hat x, x) / (\alpha \cdot \mathbb{E}_{y \in S_{\hat x}}[\ell_2(\hat x, y)])\)
 * with x the nearest training row and \(S_{\hat x}\) the n nearest training rows, the nearest one
 * included, so \(\ell = d_1 / (\alpha \cdot \frac1n \sum_{j=1}^{n} d_j)\); \(\ell_2\) is the Euclidean
 * distance itself, not its square; \(\alpha = 0.5\) and n = 50 (capped at N − 1). A copy when
 * \(\ell &lt; \delta\) with \(\delta = 1\) ({@link #CARLINI_THRESHOLD}): \(d_1\) is less than half
 * the mean distance to the n nearest rows. {@code CarliniScoreTest} works a case by hand.</li>
 * <li>the distance to the closest record, DCR: \(d_1\) against training, \(h_1\) against holdout.</li>
 * </ul>
 * A sample with \(d_1 = 0\) is an exact duplicate and has \(r = \ell = 0\) (even when \(d_2 = 0\)).
 *
 * <p><b>Holdout.</b> With {@code holdout: required} (the default) the check needs
 * {@link Requirement#HOLDOUT} and adds the comparisons against held-out data; with
 * {@code holdout: none} it needs only the training data and reports the train-based metrics. The
 * metric names follow from that option, so gates can be checked before a run.
 *
 * <p><b>Training sets larger than the heap.</b> The training rows are read through
 * {@link CheckInput#requireTrainingRows()}: in memory, or streamed block by block from a
 * memory-mapped file ({@link CheckInput#withTrainingRows}), with the same answer. Memory then stays
 * bounded: one engine call searches the training rows for the generated samples (k = n) and the
 * held-out rows (k = 1) and counts {@code membershipAuc} exactly, in the same scan as the samples'
 * search where its 12 bytes per training row fit in an eighth of the heap, else in a pass of its own
 * block by block (no per-row array); the data-copying cells are fitted on at most
 * {@link DataCopying#MAX_FIT_ROWS} rows (a seeded subsample beyond); the gallery's grey range is read block by block. The passes over all training rows (the
 * k-NN of the queries, the membership pass, the grey range) run on {@link CheckInput#engine()}: on
 * this machine, or as Spark jobs, with the same answers; sharded training rows
 * (.npy shards or Parquet files) are reported by (shard, row) in the sample table ({@code trainingShard},
 * {@code trainingShardRow}) and the gallery.
 *
 * <p><b>Equal-size comparison.</b> With N training and H held-out rows, a sample's nearest training
 * row is closer than its nearest held-out row with probability N/(N+H) even without memorization. So
 * the larger of the two sets is subsampled, without replacement and seeded by the check's seed, to
 * \(\min(N, H)\) rows, and the DCR comparison and the overfitting score use the subsample; under no
 * memorization the score's expectation is then 1/2 whatever N and H.
 *
 * <p>Metrics: {@code samples}; {@code copyFraction}, the primary criterion, equal to
 * {@code ratioCopyFraction} (share with \(r &lt; 1/3\)); {@code carliniCopyFraction} (share with
 * \(\ell &lt; 1\)); {@code exactDuplicates} and {@code exactDuplicateFraction} (\(d_1 = 0\));
 * {@code dcrTrainMedian}. With a holdout also: {@code dcrHoldoutMedian}; {@code dcrAuc}
 * \(= P(D_T &lt; D_H) + \frac12 P(D_T = D_H)\) over the equal-size DCRs with its 95% Hanley–McNeil
 * interval {@code dcrAucLower}, {@code dcrAucUpper} and the Mann–Whitney p-value {@code dcrPValue}
 * (see {@link RankComparison}; the two DCR samples share their generated rows, so the test's
 * independence assumption holds only approximately); {@code overfittingScore}, the share of samples
 * whose equal-size DCR to training is below that to holdout (ties count 1/2; 0.5 expected);
 * {@code membershipAuc}, the AUC of "is a training row" when training and held-out rows are scored
 * by their distance to the nearest generated sample (smaller = member; 0.5 = no leakage),
 * \(\frac{1}{2NH}\sum_t \left(2\,\#\{j : h_j &gt; d_t\} + \#\{j : h_j = d_t\}\right)\) over the N
 * training distances \(d_t\) and the H held-out ones \(h_j\), counted exactly in integers by the
 * engine ({@link io.github.latentcheck.engine.Engine#membershipCount}); and
 * Meehan et al.'s data-copying test ({@link DataCopying}): {@code dataCopyingCt},
 * {@code dataCopyingZ}, {@code dataCopyingPValue}, {@code dataCopyingCells}.
 *
 * <p>The check's own verdict fails when {@code copyFraction} exceeds {@code max_copy_fraction}
 * (default 0.01) or the data-copying test rejects at {@code alpha} (default 0.01). The per-sample
 * scores go to a {@link SampleTable}, smallest ratio first; when the rows are images (the samples'
 * image shape or the option {@code image_shape}) the report shows the top {@code suspects} (default
 * 12) beside their nearest training and held-out rows.
 *
 * <p>References:
 * <ol>
 * <li>Gu, X., Du, C., Pang, T., Li, C., Lin, M. &amp; Wang, Y. (2023). On memorization in diffusion
 * models. arXiv:2310.02664.
 * <li>Carlini, N., Hayes, J., Nasr, M., et al. (2023). Extracting training data from diffusion models.
 * <i>USENIX Security 2023</i>, arXiv:2301.13188.
 * <li>Meehan, C., Chaudhuri, K. &amp; Dasgupta, S. (2020). A non-parametric test to detect
 * data-copying in generative models. <i>AISTATS 2020</i>, arXiv:2004.05675.
 * </ol>
 */
public final class MemorizationCheck implements Check {
    /** A sample is a copy when \(d_1/d_2\) is below this (Gu et al. 2023). */
    public static final double RATIO_THRESHOLD = 1.0 / 3;
    /** Carlini et al.'s \(\alpha\). */
    public static final double CARLINI_ALPHA = 0.5;
    /** Carlini et al.'s n, the training neighbours averaged. */
    public static final int CARLINI_NEIGHBORS = 50;
    /** A sample is a copy by Carlini et al.'s score when \(\ell\) is below this \(\delta\). */
    public static final double CARLINI_THRESHOLD = 1;

    private static final List<String> TRAIN_METRICS = List.of("samples", "copyFraction", "ratioCopyFraction",
            "carliniCopyFraction", "exactDuplicates", "exactDuplicateFraction", "dcrTrainMedian");
    private static final List<String> HOLDOUT_METRICS = List.of("dcrHoldoutMedian", "dcrAuc", "dcrAucLower",
            "dcrAucUpper", "dcrPValue", "overfittingScore", "membershipAuc", "dataCopyingCt", "dataCopyingZ",
            "dataCopyingPValue", "dataCopyingCells");
    private static final int ECDF_POINTS = 400;

    /** Whether the check uses held-out data. */
    public enum HoldoutUse {
        /** The check requires held-out data and reports the comparisons against it. */
        REQUIRED,
        /** The check uses the training data only. */
        NONE
    }

    private final String id;
    private final HoldoutUse holdoutUse;
    private final int neighbors;
    private final int cells;
    private final int minimumCellSamples;
    private final double alpha;
    private final double maxCopyFraction;
    private final int suspects;
    private final int[] imageShape;

    private MemorizationCheck(String id, HoldoutUse holdoutUse, int neighbors, int cells, int minimumCellSamples,
            double alpha, double maxCopyFraction, int suspects, int[] imageShape) {
        this.id = id;
        this.holdoutUse = holdoutUse;
        this.neighbors = neighbors;
        this.cells = cells;
        this.minimumCellSamples = minimumCellSamples;
        this.alpha = alpha;
        this.maxCopyFraction = maxCopyFraction;
        this.suspects = suspects;
        this.imageShape = imageShape;
    }

    /**
     * Defaults: id {@code memorization}; holdout required; n = 50 neighbours for Carlini's score
     * (capped at N − 1); 20 k-means cells with at least 20 generated samples each; alpha 0.01;
     * max copy fraction 0.01; 12 suspects; the samples' own image shape.
     *
     * @return the check with defaults
     */
    public static MemorizationCheck withDefaults() {
        return new MemorizationCheck("memorization", HoldoutUse.REQUIRED, 0, 20, 20, 0.01, 0.01, 12, new int[0]);
    }

    /**
     * @param v whether held-out data is used
     * @return a copy with that choice
     */
    public MemorizationCheck with(HoldoutUse v) {
        return new MemorizationCheck(id, v, neighbors, cells, minimumCellSamples, alpha, maxCopyFraction, suspects,
                imageShape);
    }

    /**
     * @param v Carlini's n, at least 2; it must be below the number of training rows when the check runs
     * @return a copy with that n
     */
    public MemorizationCheck withNeighbors(int v) {
        if (v < 2) {
            throw new InvalidInputException("neighbors is not at least 2: " + v);
        }
        return new MemorizationCheck(id, holdoutUse, v, cells, minimumCellSamples, alpha, maxCopyFraction, suspects,
                imageShape);
    }

    /**
     * @param height image height of one row
     * @param width image width of one row
     * @return a copy that shows rows as images of this shape
     */
    public MemorizationCheck withImageShape(int height, int width) {
        if (height < 1 || width < 1) {
            throw new InvalidInputException("image shape is not positive: " + height + " x " + width);
        }
        return new MemorizationCheck(id, holdoutUse, neighbors, cells, minimumCellSamples, alpha, maxCopyFraction,
                suspects, new int[] {height, width});
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "memorization";
    }

    @Override
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(TRAIN_METRICS);
        if (holdoutUse == HoldoutUse.REQUIRED) {
            names.addAll(HOLDOUT_METRICS);
        }
        return names;
    }

    @Override
    public Set<Requirement> requirements() {
        return holdoutUse == HoldoutUse.REQUIRED ? Set.of(Requirement.TRAINING, Requirement.HOLDOUT)
                : Set.of(Requirement.TRAINING);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples generated = input.samples();
        ReferenceRows training = input.requireTrainingRows();
        requireColumns(generated.columns(), training.columns(), "training data");
        int n = neighborCount(training.rows());
        int m = generated.rows();
        Samples holdout = null;
        if (holdoutUse == HoldoutUse.REQUIRED) {
            holdout = input.holdout().orElseThrow(() -> new InvalidInputException(
                    "check '" + id + "' needs data.holdout (or the option holdout: none)"));
            requireColumns(generated.columns(), holdout.columns(), "holdout data");
        }
        NearestNeighborSearch search = NearestNeighborSearch.withDefaults().withThreads(input.threads());
        Neighbors toTraining;
        Neighbors toHoldout = null;
        double[] holdoutToTraining = null;
        long membershipCount = 0;
        if (holdout == null) {
            toTraining = input.engine().nearest(generated, training, n, input.threads(),
                    input.progress().step("nearest training rows of " + m + " rows", m));
        } else {
            // Each sample's nearest held-out row and each held-out row's nearest sample: one scan.
            double[] holdoutToGenerated = new double[holdout.rows()];
            toHoldout = search.withK(1).searchBothWays(generated, ReferenceRows.of(holdout), holdoutToGenerated);
            int queryRows = m + holdout.rows();
            Engine.NearestAndMembership both = input.engine().nearestAndMembership(
                    List.of(new Engine.Queries(generated, n), new Engine.Queries(holdout, 1)), training,
                    holdoutToGenerated, input.threads(),
                    input.progress().step("nearest training rows of " + queryRows + " rows and nearest generated "
                            + "samples of " + training.rows() + " training rows", (long) queryRows + training.rows()));
            toTraining = both.nearest().get(0);
            holdoutToTraining = both.nearest().get(1).distances(0);
            membershipCount = both.membershipCount();
        }
        double[] d1 = Arrays.copyOf(toTraining.distances(0), m);
        double[] ratio = new double[m];
        double[] carlini = new double[m];
        long ratioCopies = 0;
        long carliniCopies = 0;
        long duplicates = 0;
        for (int i = 0; i < m; i++) {
            double mean = 0;
            for (int j = 0; j < n; j++) {
                mean += toTraining.distance(i, j);
            }
            mean /= n;
            ratio[i] = d1[i] == 0 ? 0 : d1[i] / toTraining.distance(i, 1);
            carlini[i] = d1[i] == 0 ? 0 : d1[i] / (CARLINI_ALPHA * mean);
            ratioCopies += ratio[i] < RATIO_THRESHOLD ? 1 : 0;
            carliniCopies += carlini[i] < CARLINI_THRESHOLD ? 1 : 0;
            duplicates += d1[i] == 0 ? 1 : 0;
        }
        double copyFraction = (double) ratioCopies / m;
        CheckResult.Builder result = CheckResult.builder(this)
                .metric("samples", m)
                .metric("copyFraction", copyFraction)
                .metric("ratioCopyFraction", copyFraction)
                .metric("carliniCopyFraction", (double) carliniCopies / m)
                .metric("exactDuplicates", duplicates)
                .metric("exactDuplicateFraction", (double) duplicates / m)
                .metric("dcrTrainMedian", median(d1));
        boolean passed = copyFraction <= maxCopyFraction;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> ratio[i]).thenComparingDouble(i -> carlini[i])
                .thenComparingInt(i -> i));
        SampleTable.Builder table = SampleTable.builder()
                .column("sample", reorder(order, i -> i))
                .column("trainingRow", reorder(order, i -> toTraining.index(i, 0)));
        if (training.shards() > 1) {
            table.column("trainingShard", reorder(order, i -> training.shardOf(toTraining.index(i, 0))))
                    .column("trainingShardRow", reorder(order, i -> training.rowInShard(toTraining.index(i, 0))));
        }
        table.column("dcrTraining", reorderReal(order, i -> d1[i]))
                .column("secondDistance", reorderReal(order, i -> toTraining.distance(i, 1)))
                .column("ratio", reorderReal(order, i -> ratio[i]))
                .column("carliniScore", reorderReal(order, i -> carlini[i]))
                .column("ratioCopy", reorder(order, i -> ratio[i] < RATIO_THRESHOLD ? 1 : 0))
                .column("carliniCopy", reorder(order, i -> carlini[i] < CARLINI_THRESHOLD ? 1 : 0));
        if (holdout != null) {
            Neighbors holdoutNeighbors = toHoldout;
            table.column("holdoutRow", reorder(order, i -> holdoutNeighbors.index(i, 0)))
                    .column("dcrHoldout", reorderReal(order, i -> holdoutNeighbors.distance(i, 0)));
            passed &= compareWithHoldout(input, search, training, holdout, d1, toHoldout.distances(0),
                    holdoutToTraining, membershipCount, result);
        }
        result.chart(Chart.of("Nearest-neighbour ratio d1/d2 of the generated samples", "d1 / d2", "empirical CDF")
                .with(Series.ecdf("generated", ratio, ECDF_POINTS))
                .with(new Chart.VerticalLine(String.format(Locale.ROOT, "threshold 1/3 (copy fraction %.4g)",
                        copyFraction), RATIO_THRESHOLD))
                .withAltText("Empirical CDF of the ratio of each generated sample's distance to its nearest and "
                        + "second-nearest training rows; " + ratioCopies + " of " + m + " are below 1/3."));
        int[] shape = imageShape.length == 2 ? imageShape : generated.imageShape();
        if (shape.length == 2 && suspects > 0) {
            result.imageGrid(gallery(shape, order, generated, training, holdout, toTraining, toHoldout, ratio,
                    input.engine().range(training)));
        }
        return result.passed(passed).sampleTable(table.build()).build();
    }

    /**
     * @return {@code copyFraction <= max_copy_fraction} and, when the holdout is used, the data-copying
     *     test not rejecting: {@code dataCopyingPValue >= alpha}
     */
    @Override
    public List<String> criteria() {
        List<String> criteria = new ArrayList<>();
        criteria.add(id + ".copyFraction <= " + maxCopyFraction);
        if (holdoutUse == HoldoutUse.REQUIRED) {
            criteria.add(id + ".dataCopyingPValue >= " + alpha);
        }
        return List.copyOf(criteria);
    }

    private boolean compareWithHoldout(CheckInput input, NearestNeighborSearch search, ReferenceRows training,
            Samples holdout, double[] d1, double[] h1, double[] holdoutToTraining, long membershipCount,
            CheckResult.Builder result) {
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(input.seed());
        int size = Math.min(training.rows(), holdout.rows());
        Samples generated = input.samples();
        double[] trainEqual = training.rows() > size
                ? search.withK(1).search(generated, subsample(training, size, rng)).distances(0) : d1;
        double[] holdoutEqual = holdout.rows() > size
                ? search.withK(1).search(generated, subsample(ReferenceRows.of(holdout), size, rng)).distances(0) : h1;
        double closer = 0;
        for (int i = 0; i < trainEqual.length; i++) {
            closer += trainEqual[i] < holdoutEqual[i] ? 1 : trainEqual[i] == holdoutEqual[i] ? 0.5 : 0;
        }
        double auc = RankComparison.aucLess(trainEqual, holdoutEqual);
        double[] interval = RankComparison.aucInterval(auc, trainEqual.length, holdoutEqual.length, 0.95);
        TestResult dcr = RankComparison.mannWhitney("dcr-training-vs-holdout", trainEqual, holdoutEqual);
        // The engine's exact count C over 2·N·H pairs: one rounding, the same on every engine.
        double membership = membershipCount / (2.0 * training.rows() * holdout.rows());
        DataCopying.Result copying = DataCopying.withDefaults().withCells(cells)
                .withMinimumCellSamples(minimumCellSamples).withSeed(rng.nextLong()).withThreads(input.threads())
                .test(training, holdout, holdoutToTraining, generated, d1);
        result.metric("dcrHoldoutMedian", median(h1))
                .metric("dcrAuc", auc)
                .metric("dcrAucLower", interval[0])
                .metric("dcrAucUpper", interval[1])
                .metric("dcrPValue", dcr.pValue())
                .metric("overfittingScore", closer / trainEqual.length)
                .metric("membershipAuc", membership)
                .metric("dataCopyingCt", copying.ct())
                .metric("dataCopyingZ", copying.z())
                .metric("dataCopyingPValue", copying.pValue())
                .metric("dataCopyingCells", (long) copying.cellsUsed())
                .tests(List.of(dcr, copying.toTestResult()))
                .chart(Chart.of("Distance to the closest record", "Euclidean distance", "empirical CDF")
                        .with(Series.ecdf("to training (all " + training.rows() + " rows)", d1, ECDF_POINTS))
                        .with(Series.ecdf("to holdout (all " + holdout.rows() + " rows)", h1, ECDF_POINTS))
                        .withAltText("Empirical CDFs of each generated sample's distance to its nearest row of the "
                                + "whole training set and of the whole holdout set; a training curve to the left of "
                                + "the holdout curve means samples sit closer to training data. (The AUC and its "
                                + "test compare sets cut to " + size + " rows each.)"));
        return copying.pValue() >= alpha;
    }

    private ImageGrid gallery(int[] shape, Integer[] order, Samples generated, ReferenceRows training,
            Samples holdout, Neighbors toTraining, Neighbors toHoldout, double[] ratio, float[] range) {
        double low = range[0];
        double high = range[1];
        if (!(high > low)) {
            high = low + 1;
        }
        int shown = Math.min(suspects, order.length);
        ImageGrid grid = ImageGrid.of("Suspected copies: the " + shown + " generated samples with the smallest d1/d2",
                shape[0], shape[1], low, high);
        for (int s = 0; s < shown; s++) {
            int i = order[s];
            List<ImageGrid.Image> images = new ArrayList<>();
            images.add(new ImageGrid.Image("generated #" + i, generated.row(i)));
            int t = toTraining.index(i, 0);
            images.add(new ImageGrid.Image(String.format(Locale.ROOT, "training %s, d = %.3g", training.rowLabel(t),
                    toTraining.distance(i, 0)), training.row(t)));
            if (toHoldout != null) {
                int h = toHoldout.index(i, 0);
                images.add(new ImageGrid.Image(String.format(Locale.ROOT, "holdout #%d, d = %.3g", h,
                        toHoldout.distance(i, 0)), holdout.row(h)));
            }
            grid = grid.with(new ImageGrid.Row(String.format(Locale.ROOT, "d1/d2 = %.3g", ratio[i]), images));
        }
        return grid.withAltText("The " + shown + " generated samples most likely to be copies, each shown beside its "
                + "nearest training row" + (toHoldout != null ? " and its nearest held-out row" : "")
                + ", with the Euclidean distances.");
    }

    private int neighborCount(int trainingRows) {
        if (neighbors == 0) {
            if (trainingRows < 3) {
                throw new InvalidInputException("check '" + id + "' needs at least 3 training rows: " + trainingRows);
            }
            return Math.min(CARLINI_NEIGHBORS, trainingRows - 1);
        }
        if (neighbors >= trainingRows) {
            throw new InvalidInputException("check '" + id + "': neighbors (k) is not below the number of training "
                    + "rows: " + neighbors + " >= " + trainingRows);
        }
        return neighbors;
    }

    private void requireColumns(int generated, int other, String what) {
        if (generated != other) {
            throw new InvalidInputException("check '" + id + "': the generated samples have " + generated
                    + " columns but the " + what + " has " + other);
        }
    }

    private static Samples subsample(ReferenceRows rows, int size, UniformRandomProvider rng) {
        int[] picked = SparseSubset.sample(rng, rows.rows(), size);
        Arrays.sort(picked);
        int columns = rows.columns();
        if (rows.precision() == Precision.FLOAT32) {
            float[] out = new float[size * columns];
            float[] row = new float[columns];
            for (int r = 0; r < size; r++) {
                rows.copyBlock(picked[r], picked[r] + 1, row);
                System.arraycopy(row, 0, out, r * columns, columns);
            }
            return Samples.ofOwned(size, columns, out);
        }
        double[] out = new double[size * columns];
        for (int r = 0; r < size; r++) {
            rows.copyBlock(picked[r], picked[r] + 1, out, r * columns);
        }
        return Samples.ofOwned(size, columns, out);
    }

    /** @return the median, the mean of the two middle values for an even count */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long[] reorder(Integer[] order, IntToLongFunction value) {
        long[] out = new long[order.length];
        for (int r = 0; r < order.length; r++) {
            out[r] = value.applyAsLong(order[r]);
        }
        return out;
    }

    private static double[] reorderReal(Integer[] order, IntToDoubleFunction value) {
        double[] out = new double[order.length];
        for (int r = 0; r < order.length; r++) {
            out[r] = value.applyAsDouble(order[r]);
        }
        return out;
    }

    /**
     * Provides {@code type: memorization} with {@code holdout} (required | none), {@code neighbors},
     * {@code cells}, {@code min_cell_samples}, {@code alpha}, {@code max_copy_fraction},
     * {@code suspects} and {@code image_shape} ([height, width]).
     */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "memorization";
        }

        @Override
        public Check create(String id, Options options) {
            String use = options.string("holdout", "required");
            HoldoutUse holdoutUse;
            try {
                holdoutUse = HoldoutUse.valueOf(use.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(options.where("holdout") + ": " + options.section()
                        + ".holdout is not one of required, none: '" + use + "'", e);
            }
            int neighbors = options.has("neighbors") ? options.integer("neighbors", 0, 2) : 0;
            int cells = options.integer("cells", 20, 2);
            int minimum = options.integer("min_cell_samples", 20, 1);
            double alpha = options.number("alpha", 0.01);
            if (!(alpha > 0 && alpha < 1)) {
                throw new InvalidInputException(options.where("alpha") + ": " + options.section()
                        + ".alpha is not in (0, 1): " + alpha);
            }
            double maxCopy = options.number("max_copy_fraction", 0.01);
            if (!(maxCopy >= 0 && maxCopy <= 1)) {
                throw new InvalidInputException(options.where("max_copy_fraction") + ": " + options.section()
                        + ".max_copy_fraction is not in [0, 1]: " + maxCopy);
            }
            int suspects = options.integer("suspects", 12, 0);
            int[] shape = options.integers("image_shape");
            if (shape.length != 0 && (shape.length != 2 || shape[0] < 1 || shape[1] < 1)) {
                throw new InvalidInputException(options.where("image_shape") + ": " + options.section()
                        + ".image_shape is not [height, width] with positive sizes: " + Arrays.toString(shape));
            }
            return new MemorizationCheck(id, holdoutUse, neighbors, cells, minimum, alpha, maxCopy, suspects, shape);
        }
    }
}
