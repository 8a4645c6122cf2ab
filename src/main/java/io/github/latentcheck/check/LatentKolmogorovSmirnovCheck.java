package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * {@code latent-ks}: are the latents drawn from the declared prior? A one-sample two-sided
 * Kolmogorov–Smirnov test of each latent coordinate against the prior's marginal,
 * {@code D_n = sup_x |F_n(x) − F(x)|}, with a multiple-testing correction across coordinates
 * (Holm unless the spec says otherwise). See {@link KolmogorovSmirnov} for the p-values.
 *
 * <p>Metrics: {@code tests}, {@code rejected} (coordinates whose adjusted p-value is below alpha),
 * {@code maxStatistic} (the largest D_n), {@code minPValue}, {@code minAdjustedPValue}.
 */
public final class LatentKolmogorovSmirnovCheck implements Check {
    private static final int ECDF_POINTS = 400;
    private final String id;
    private final DimensionTests family;

    private LatentKolmogorovSmirnovCheck(String id, DimensionTests family) {
        this.id = id;
        this.family = family;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "latent-ks";
    }

    @Override
    public Set<String> metricNames() {
        return new LinkedHashSet<>(DimensionTests.METRICS);
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.PRIOR_REFERENCE);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Prior prior = input.prior();
        int d = prior.dimension();
        List<TestResult> raw = new ArrayList<>(d);
        int worst = 0;
        for (int j = 0; j < d; j++) {
            ContinuousDistribution marginal = prior.marginal(j);
            TestResult t = KolmogorovSmirnov.oneSample(input.latents().column(j), marginal::cumulativeProbability);
            raw.add(TestResult.of("z" + j, t.statistic(), t.pValue(), t.method()));
            if (t.statistic() > raw.get(worst).statistic()) {
                worst = j;
            }
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "latent coordinates");
        return result.chart(ecdfChart(input.latents().column(worst), prior.marginal(worst), worst, raw.get(worst)))
                .build();
    }

    private static Chart ecdfChart(double[] values, ContinuousDistribution marginal, int coordinate, TestResult t) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int at = 0;
        double gap = -1;
        for (int i = 0; i < n; i++) {
            double f = marginal.cumulativeProbability(sorted[i]);
            double g = Math.max((i + 1.0) / n - f, f - (double) i / n);
            if (g > gap) {
                gap = g;
                at = i;
            }
        }
        int points = Math.min(ECDF_POINTS, n);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = sorted[(int) Math.round((double) i * (n - 1) / Math.max(1, points - 1))];
            y[i] = marginal.cumulativeProbability(x[i]);
        }
        double xs = sorted[at];
        double f = marginal.cumulativeProbability(xs);
        double fn = (at + 1.0) / n - f > f - (double) at / n ? (at + 1.0) / n : (double) at / n;
        return Chart.of("Latent z" + coordinate + ": empirical CDF against the prior's CDF", "z" + coordinate, "CDF")
                .with(Series.ecdf("empirical CDF", values, ECDF_POINTS))
                .with(Series.of("prior CDF", Series.Style.LINE, x, y))
                .with(Series.of(String.format(java.util.Locale.ROOT, "KS distance D = %.4g", t.statistic()),
                        Series.Style.LINE, new double[] {xs, xs}, new double[] {f, fn}))
                .withAltText("Empirical CDF of latent coordinate z" + coordinate + " (the coordinate with the largest "
                        + "KS distance) over the prior's CDF; the largest gap, D = " + t.statistic() + ", is marked.");
    }

    /** Provides {@code type: latent-ks} with {@code alpha} and {@code correction}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "latent-ks";
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentKolmogorovSmirnovCheck(id, DimensionTests.from(options));
        }
    }
}
