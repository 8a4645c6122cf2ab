package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.modes.ModeAssignment;
import io.github.latentcheck.internal.stats.Divergences;
import io.github.latentcheck.modes.GaussianMixture;
import io.github.latentcheck.modes.ModesFile;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.LogTails;
import io.github.latentcheck.stats.MultipleTesting;
import io.github.latentcheck.stats.PValueMethod;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * {@code mode-coverage}: does the generator cover the known modes of a Gaussian mixture, in the
 * right proportions, and which region of latent space feeds which mode?
 *
 * <p>Each sample goes to its nearest mode by Mahalanobis distance and is <i>high quality</i> (HQ)
 * when that distance is at most h = {@code hq_sigmas} (default 3): see {@link ModeAssignment}.
 * With n samples, K modes of weights w_k and c_k HQ samples in mode k (N = Σ c_k):
 * <ul>
 * <li>{@code modesCovered} = #{k : c_k ≥ 1}, the rule of VEEGAN (Srivastava et al. 2017,
 * arXiv:1705.07761) and PacGAN (Lin et al. 2018, arXiv:1712.04086);</li>
 * <li>{@code modesCoveredMinCount} = #{k : c_k ≥ m_k}, with m_k = {@code min_count} when given,
 * else max(1, ⌈0.01 n w_k⌉) (1% of the mode's expected count);</li>
 * <li>{@code hqFraction} = N / n, and {@code expectedHqFraction} = P(χ²_D ≤ h²), what a perfect
 * generator of well-separated modes gives;</li>
 * <li>{@code reverseKL} = KL(q ‖ w) = Σ_{k: q_k > 0} q_k ln(q_k / w_k) and {@code jsDivergence} =
 * JS(q, w), with q_k = c_k / N the HQ mode histogram (nats; NaN when N = 0). KL(q ‖ w) is the
 * direction that stays finite when modes are dropped ({@link Divergences});</li>
 * <li>{@code occupancyChi2}, {@code occupancyPValue}: Pearson's goodness-of-fit test of
 * (c_1, …, c_K) against N·w, χ² = Σ (c_k − N w_k)² / (N w_k) on K − 1 degrees of freedom
 * (asymptotic; Pearson 1900, doi:10.1080/14786440009463897), reported as the test
 * {@code occupancy-chi2};</li>
 * <li>{@code underCoveredModes}: per mode, the exact one-sided binomial test of
 * H0: c_k ~ Binomial(N, w_k) against the alternative that the mode gets less (the multinomial
 * marginal given N, so low quality elsewhere does not count against a mode), Holm-corrected over
 * the K modes; the count of rejections at {@code alpha}. The tests are named
 * {@code under-covered[modeK]};</li>
 * <li>{@code latentNormCramersV}: where modes come from. The samples are split into deciles of
 * the latent norm ‖z‖ and Cramér's V = sqrt(χ² / (n (min(r, c) − 1))) of the decile × mode
 * table (non-HQ samples form one more column; empty rows and columns dropped) measures how much
 * the mode depends on ‖z‖: 0 none, 1 the norm decides the mode (Cramér 1946). NaN without
 * latents or when the table has a single row or column;</li>
 * <li>{@code latentCoordinateCramersV}: the same for deciles of each latent coordinate z_a; the
 * largest V over the coordinates (its coordinate's histogram is charted).</li>
 * </ul>
 * Per-mode HQ counts are the metrics {@code count0} … The check passes when every mode is covered,
 * the χ² test does not reject at {@code alpha} and no mode is under-covered. Charts: the samples
 * over the centres with their HQ ellipses (first two coordinates; the projection of the
 * Mahalanobis ball is the ellipse of the 2 × 2 marginal covariance), HQ counts against
 * N w_k, and latents coloured by mode (2-D latents) or the mode histogram per decile of ‖z‖ and
 * of the most informative coordinate.
 */
public final class ModeCoverageCheck implements Check {
    /** Points drawn per scatter chart. */
    static final int CHART_POINTS = 3000;
    private static final int ELLIPSE_POINTS = 48;
    private static final int DECILES = 10;

    private final String id;
    private final GaussianMixture mixture;
    private final double hqSigmas;
    private final int minCount;
    private final double alpha;

    private ModeCoverageCheck(String id, GaussianMixture mixture, double hqSigmas, int minCount, double alpha) {
        this.id = id;
        this.mixture = mixture;
        this.hqSigmas = hqSigmas;
        this.minCount = minCount;
        this.alpha = alpha;
    }

    /**
     * Defaults: {@code hq_sigmas} 3, {@code min_count} 1% of each mode's expected count (at least
     * 1), {@code alpha} 0.05.
     *
     * @param id the name gates use
     * @param mixture the known modes; every weight must be strictly positive
     * @return the check
     */
    public static ModeCoverageCheck of(String id, GaussianMixture mixture) {
        for (int k = 0; k < mixture.modes(); k++) {
            if (!(mixture.weight(k) > 0)) {
                throw new InvalidInputException(mixture.name() + ": weight of mode " + k
                        + " is not strictly positive: " + mixture.weight(k));
            }
        }
        return new ModeCoverageCheck(id, mixture, 3, 0, 0.05);
    }

    /**
     * @param v h, the largest Mahalanobis distance of a high-quality sample
     * @return a copy with that threshold
     */
    public ModeCoverageCheck withHqSigmas(double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new InvalidInputException("hq_sigmas is not strictly positive and finite: " + v);
        }
        return new ModeCoverageCheck(id, mixture, v, minCount, alpha);
    }

    /**
     * @param v the HQ samples a mode needs for {@code modesCoveredMinCount}, at least 1
     * @return a copy with that count for every mode
     */
    public ModeCoverageCheck withMinCount(int v) {
        if (v < 1) {
            throw new InvalidInputException("min_count is not at least 1: " + v);
        }
        return new ModeCoverageCheck(id, mixture, hqSigmas, v, alpha);
    }

    /**
     * @param v the significance level, in (0, 1)
     * @return a copy with that level
     */
    public ModeCoverageCheck withAlpha(double v) {
        if (!(v > 0 && v < 1)) {
            throw new InvalidInputException("alpha is not in (0, 1): " + v);
        }
        return new ModeCoverageCheck(id, mixture, hqSigmas, minCount, v);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "mode-coverage";
    }

    @Override
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(List.of("modes", "modesCovered", "modesCoveredMinCount",
                "hqSamples", "hqFraction", "expectedHqFraction", "reverseKL", "jsDivergence", "occupancyChi2",
                "occupancyPValue", "underCoveredModes", "latentNormCramersV", "latentCoordinateCramersV"));
        for (int k = 0; k < mixture.modes(); k++) {
            names.add("count" + k);
        }
        return names;
    }

    /** The modes (or reference rows) are in the outputs' space. */
    @Override
    public Space defaultSpace() {
        return Space.RAW;
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of();
    }

    /**
     * @return the check's verdict as gates: some high-quality samples, every mode covered, no mode
     *     under-covered and (two modes or more) the occupancy chi-square test not rejecting at alpha
     */
    @Override
    public List<String> criteria() {
        List<String> criteria = new ArrayList<>(List.of(id + ".hqSamples > 0",
                id + ".modesCovered >= " + mixture.modes(), id + ".underCoveredModes == 0"));
        if (mixture.modes() >= 2) {
            criteria.add(id + ".occupancyPValue >= " + alpha);
        }
        return List.copyOf(criteria);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples samples = input.samples();
        ModeAssignment assignment = ModeAssignment.of(mixture, samples, hqSigmas, input.threads());
        int n = samples.rows();
        int modes = mixture.modes();
        long[] counts = assignment.highQualityCounts();
        long hq = Arrays.stream(counts).sum();
        long covered = 0;
        long coveredMin = 0;
        for (int k = 0; k < modes; k++) {
            covered += counts[k] >= 1 ? 1 : 0;
            coveredMin += counts[k] >= threshold(n, k) ? 1 : 0;
        }
        double[] weights = mixture.weights();
        double reverseKl = Double.NaN;
        double js = Double.NaN;
        List<TestResult> tests = new ArrayList<>();
        double chi2 = Double.NaN;
        double chi2P = Double.NaN;
        long underCovered = 0;
        boolean chi2Rejected = false;
        if (hq > 0) {
            double[] q = new double[modes];
            for (int k = 0; k < modes; k++) {
                q[k] = (double) counts[k] / hq;
            }
            reverseKl = Divergences.kullbackLeibler(q, weights);
            js = Divergences.jensenShannon(weights, q);
            if (modes >= 2) {
                SignificanceResult r = ChiSquareTest.withDefaults().test(weights, counts);
                chi2 = r.getStatistic();
                chi2P = r.getPValue();
                chi2Rejected = chi2P < alpha;
                tests.add(TestResult.ofLog("occupancy-chi2", chi2, LogTails.chiSquareSurvival(modes - 1, chi2),
                        PValueMethod.ASYMPTOTIC));
            }
            BinomialTest binomial = BinomialTest.withDefaults().with(AlternativeHypothesis.LESS_THAN);
            double[] p = new double[modes];
            for (int k = 0; k < modes; k++) {
                p[k] = binomial.test(Math.toIntExact(hq), Math.toIntExact(counts[k]), weights[k]).getPValue();
            }
            double[] adjusted = MultipleTesting.holm(p);
            for (int k = 0; k < modes; k++) {
                TestResult t = TestResult.ofLog("under-covered[mode" + k + "]", counts[k],
                        LogTails.binomialCdf(Math.toIntExact(hq), Math.toIntExact(counts[k]), weights[k]), PValueMethod.EXACT)
                        .withAdjustedPValue(adjusted[k]);
                underCovered += t.reject(alpha) ? 1 : 0;
                tests.add(t);
            }
        }
        CheckResult.Builder result = CheckResult.builder(this)
                .passed(hq > 0 && covered == modes && !chi2Rejected && underCovered == 0)
                .metric("modes", modes)
                .metric("modesCovered", covered)
                .metric("modesCoveredMinCount", coveredMin)
                .metric("hqSamples", hq)
                .metric("hqFraction", (double) hq / n)
                .metric("expectedHqFraction", ChiSquaredDistribution.of(mixture.dimension())
                        .cumulativeProbability(hqSigmas * hqSigmas))
                .metric("reverseKL", reverseKl)
                .metric("jsDivergence", js)
                .metric("occupancyChi2", chi2)
                .metric("occupancyPValue", chi2P)
                .metric("underCoveredModes", underCovered)
                .metric("latentNormCramersV", input.hasLatents()
                        ? cramersV(decileTable(latentNorms(input.latents()), assignment)) : Double.NaN);
        int coordinate = -1;
        double coordinateV = Double.NaN;
        if (input.hasLatents()) {
            for (int a = 0; a < input.latents().dimension(); a++) {
                double v = cramersV(decileTable(input.latents().column(a), assignment));
                if (v > coordinateV || Double.isNaN(coordinateV) && !Double.isNaN(v)) {
                    coordinateV = v;
                    coordinate = a;
                }
            }
        }
        result.metric("latentCoordinateCramersV", coordinateV);
        for (int k = 0; k < modes; k++) {
            result.metric("count" + k, counts[k]);
        }
        int[] rows = Subsample.rows(n, CHART_POINTS, input.seed());
        result.tests(tests)
                .correction("Holm over " + modes + " per-mode binomial tests at level " + alpha
                        + "; occupancy-chi2 uncorrected")
                .chart(modeScatter(samples, rows))
                .chart(countChart(counts, hq));
        if (input.hasLatents() && input.latents().dimension() == 2) {
            result.chart(latentScatter(input.latents(), assignment, rows));
        } else if (input.hasLatents()) {
            result.chart(decileChart(decileTable(latentNorms(input.latents()), assignment), "||z||"));
            if (coordinate >= 0) {
                result.chart(decileChart(decileTable(input.latents().column(coordinate), assignment), "z" + coordinate));
            }
        }
        return result.build();
    }

    private long threshold(int n, int mode) {
        return minCount > 0 ? minCount : Math.max(1, (long) Math.ceil(0.01 * n * mixture.weight(mode)));
    }

    private static double[] latentNorms(Latents latents) {
        double[] norms = new double[latents.rows()];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int a = 0; a < latents.dimension(); a++) {
                double v = latents.value(i, a);
                s += v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }

    /** Rows: deciles of {@code key} (by rank, ties by row index); columns: the K modes, then "not HQ". */
    private static long[][] decileTable(double[] key, ModeAssignment assignment) {
        int n = key.length;
        int modes = assignment.mixture().modes();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(key[a], key[b]));
        long[][] table = new long[DECILES][modes + 1];
        for (int rank = 0; rank < n; rank++) {
            int i = order[rank];
            int decile = (int) ((long) rank * DECILES / n);
            table[decile][assignment.isHighQuality(i) ? assignment.mode(i) : modes]++;
        }
        return table;
    }

    /** Cramér's V of a contingency table, skipping empty rows and columns; NaN when fewer than 2 remain. */
    static double cramersV(long[][] table) {
        int rowsCount = table.length;
        int cols = table[0].length;
        double[] rowSum = new double[rowsCount];
        double[] colSum = new double[cols];
        double total = 0;
        for (int i = 0; i < rowsCount; i++) {
            for (int j = 0; j < cols; j++) {
                rowSum[i] += table[i][j];
                colSum[j] += table[i][j];
                total += table[i][j];
            }
        }
        long usedRows = Arrays.stream(rowSum).filter(v -> v > 0).count();
        long usedCols = Arrays.stream(colSum).filter(v -> v > 0).count();
        if (Math.min(usedRows, usedCols) < 2) {
            return Double.NaN;
        }
        double chi2 = 0;
        for (int i = 0; i < rowsCount; i++) {
            for (int j = 0; j < cols; j++) {
                double expected = rowSum[i] * colSum[j] / total;
                if (expected > 0) {
                    double diff = table[i][j] - expected;
                    chi2 += diff * diff / expected;
                }
            }
        }
        return Math.sqrt(chi2 / (total * (Math.min(usedRows, usedCols) - 1)));
    }

    private Chart modeScatter(Samples samples, int[] rows) {
        boolean twoD = samples.columns() >= 2;
        double[] x = new double[rows.length];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = samples.value(rows[i], 0);
            y[i] = twoD ? samples.value(rows[i], 1) : 0;
        }
        String yLabel = twoD ? samples.columnNames().get(1) : "";
        Chart chart = Chart.of("Samples over the " + mixture.modes() + " modes of " + mixture.name(),
                samples.columnNames().get(0), yLabel)
                .with(Series.of("samples", Series.Style.SCATTER, x, y));
        double[] cx = new double[mixture.modes()];
        double[] cy = new double[mixture.modes()];
        for (int k = 0; k < mixture.modes(); k++) {
            cx[k] = mixture.centre(k, 0);
            cy[k] = twoD ? mixture.centre(k, 1) : 0;
        }
        chart = chart.with(Series.of("centres", Series.Style.SCATTER, cx, cy));
        if (twoD) {
            for (int k = 0; k < mixture.modes(); k++) {
                chart = chart.with(ellipse(k));
            }
        }
        return chart.withAltText(rows.length + " of " + samples.rows() + " samples (first two coordinates) over the "
                + mixture.modes() + " mode centres, each with the boundary of its high-quality region ("
                + hqSigmas + " standard deviations).");
    }

    /** The boundary of the HQ region of mode k projected on axes 0 and 1: μ + h L₂ (cos t, sin t). */
    private Series ellipse(int mode) {
        double[][] sigma = mixture.covariance(mode);
        double a = Math.sqrt(sigma[0][0]);
        double b = sigma[1][0] / a;
        double c = Math.sqrt(Math.max(0, sigma[1][1] - b * b));
        double[] x = new double[ELLIPSE_POINTS + 1];
        double[] y = new double[ELLIPSE_POINTS + 1];
        for (int i = 0; i <= ELLIPSE_POINTS; i++) {
            double t = 2 * Math.PI * i / ELLIPSE_POINTS;
            x[i] = mixture.centre(mode, 0) + hqSigmas * a * Math.cos(t);
            y[i] = mixture.centre(mode, 1) + hqSigmas * (b * Math.cos(t) + c * Math.sin(t));
        }
        return Series.of("HQ regions", Series.Style.LINE, x, y);
    }

    private Chart countChart(long[] counts, long hq) {
        double[] x = new double[counts.length];
        double[] observed = new double[counts.length];
        double[] expected = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            x[k] = k;
            observed[k] = counts[k];
            expected[k] = hq * mixture.weight(k);
        }
        return Chart.of("High-quality samples per mode", "mode", "samples")
                .with(Series.of("expected N w_k", Series.Style.BAR, x, expected))
                .with(Series.of("observed", Series.Style.BAR, x, observed))
                .withAltText("Bars of the high-quality samples in each of the " + counts.length
                        + " modes against the count the weights lead to expect (" + hq + " HQ samples in all).");
    }

    private Chart latentScatter(Latents latents, ModeAssignment assignment, int[] rows) {
        int modes = mixture.modes();
        List<List<Integer>> byMode = new ArrayList<>();
        for (int k = 0; k <= modes; k++) {
            byMode.add(new ArrayList<>());
        }
        for (int i : rows) {
            byMode.get(assignment.isHighQuality(i) ? assignment.mode(i) : modes).add(i);
        }
        Chart chart = Chart.of("Latents coloured by the mode they produce", "z0", "z1");
        for (int k = 0; k <= modes; k++) {
            List<Integer> members = byMode.get(k);
            if (members.isEmpty()) {
                continue;
            }
            double[] x = new double[members.size()];
            double[] y = new double[members.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = latents.value(members.get(i), 0);
                y[i] = latents.value(members.get(i), 1);
            }
            chart = chart.with(Series.of(k < modes ? "mode" + k : "not HQ", Series.Style.SCATTER, x, y));
        }
        return chart.withAltText(rows.length + " latents, one colour per mode their sample lands in "
                + "(and one for samples in no mode's high-quality region).");
    }

    private Chart decileChart(long[][] table, String variable) {
        int modes = mixture.modes();
        double[] x = new double[DECILES];
        double[] decileTotal = new double[DECILES];
        for (int d = 0; d < DECILES; d++) {
            x[d] = d + 1;
            decileTotal[d] = Arrays.stream(table[d]).sum();
        }
        Chart chart = Chart.of("Mode histogram per decile of " + variable, "decile of " + variable,
                "fraction of the decile's samples");
        for (int k = 0; k <= modes; k++) {
            double[] y = new double[DECILES];
            for (int d = 0; d < DECILES; d++) {
                y[d] = decileTotal[d] > 0 ? table[d][k] / decileTotal[d] : 0;
            }
            chart = chart.with(Series.of(k < modes ? "mode" + k : "not HQ", Series.Style.LINE, x, y));
        }
        return chart.withAltText("For each tenth of the samples ordered by " + variable + ", the fraction that lands in "
                + "each mode (and outside every high-quality region): flat lines mean the norm does not pick the mode.");
    }

    /**
     * Provides {@code type: mode-coverage} with {@code modes} (ring8, grid25 or a JSON file),
     * {@code hq_sigmas}, {@code min_count} and {@code alpha}.
     */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "mode-coverage";
        }

        @Override
        public Check create(String id, Options options) {
            ModeCoverageCheck check = of(id, ModesFile.resolve(options.requireString("modes"),
                    options.baseDirectory()));
            check = check.withHqSigmas(options.number("hq_sigmas", 3)).withAlpha(options.number("alpha", 0.05));
            int min = options.integer("min_count", 0, 1);
            return min > 0 ? check.withMinCount(min) : check;
        }
    }
}
