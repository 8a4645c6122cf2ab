package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.LatentReference;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * {@code latent-ks}: are the latents drawn from the declared prior? A one-sample two-sided
 * Kolmogorov–Smirnov test of each latent coordinate against the prior's marginal,
 * {@code D_n = sup_x |F_n(x) − F(x)|}, with a multiple-testing correction across coordinates
 * (Holm unless the spec says otherwise). See {@link KolmogorovSmirnov} for the p-values. The coordinates
 * are those of the prior's {@link Prior#marginalReference()}: z itself against the marginals (a learned
 * Gaussian's N(μ_j, Σ_jj), a mixture's exact mixture CDF), or for a flow with an inverse f⁻¹(z) against the
 * base's. {@code latent-ad}, {@code latent-cvm} and {@code moments} test the same coordinates.
 *
 * <p>Metrics: {@code tests}, {@code rejected} (coordinates whose adjusted p-value is below alpha),
 * {@code maxStatistic} (the largest D_n), {@code minPValue}, {@code minAdjustedPValue}, and
 * {@code detectableEffect}: the smallest KS distance one coordinate's test detects with 80 % power at
 * the per-test level of the correction (see {@link KolmogorovSmirnovPower} for the alternative and
 * {@link PowerDemand#perTestAlpha} for the level). With {@code power: {effect, at_least}} also
 * {@code power} (at that KS distance) and {@code requiredSamples}; a run below {@code at_least} is
 * underpowered and fails its gates.
 */
final class LatentKolmogorovSmirnovCheck implements Check {
    private static final int ECDF_POINTS = 400;
    private static final int HISTOGRAM_BINS = 40;
    private static final int HISTOGRAM_POINTS = 200;
    private static final int QUANTILE_POINTS = 99;
    private final String id;
    private final DimensionTests family;
    private final PowerCheck power;

    private LatentKolmogorovSmirnovCheck(String id, DimensionTests family, PowerCheck power) {
        this.id = id;
        this.family = family;
        this.power = power;
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
        Set<String> names = DimensionTests.metricsWith("maxStatistic");
        names.addAll(power.metricNames());
        return names;
    }

    @Override
    public Optional<PowerDemand> powerDemand() {
        return power.demand();
    }

    @Override
    public Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return Optional.of(power.analysis(samples, family, prior.dimension()));
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.PRIOR_REFERENCE);
    }

    @Override
    public CheckResult run(CheckInput input) {
        LatentReference reference = input.prior().marginalReference();
        Prior prior = reference.law();
        Latents latents = reference.apply(input.latents());
        int d = prior.dimension();
        List<TestResult> raw = new ArrayList<>(d);
        int worst = 0;
        for (int j = 0; j < d; j++) {
            ContinuousDistribution marginal = prior.marginal(j);
            TestResult t = KolmogorovSmirnov.oneSample(latents.column(j), marginal::cumulativeProbability);
            raw.add(t.withName("z" + j));
            if (t.statistic() > raw.get(worst).statistic()) {
                worst = j;
            }
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "latent coordinates");
        double[] values = latents.column(worst);
        ContinuousDistribution marginal = prior.marginal(worst);
        result.metric("maxStatistic", DimensionTests.maxStatistic(raw));
        PowerCheck.report(result, powerAnalysis(prior, values.length, input.training()).orElseThrow());
        return result
                .chart(ecdfChart(values, marginal, worst, raw.get(worst)))
                .chart(histogramChart(values, marginal, worst))
                .chart(quantileChart(values, marginal, worst))
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

    private static Chart histogramChart(double[] values, ContinuousDistribution marginal, int coordinate) {
        double lower = marginal.inverseCumulativeProbability(0.001);
        double upper = marginal.inverseSurvivalProbability(0.001);
        double[] x = new double[HISTOGRAM_POINTS];
        double[] y = new double[HISTOGRAM_POINTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = lower + (upper - lower) * i / (x.length - 1);
            y[i] = marginal.density(x[i]);
        }
        return Chart.of("Latent z" + coordinate + ": histogram against the prior's density", "z" + coordinate, "density")
                .with(Series.histogram("latents", values, lower, upper, HISTOGRAM_BINS))
                .with(Series.of("prior density", Series.Style.LINE, x, y))
                .withAltText("Density histogram of latent coordinate z" + coordinate + " in " + HISTOGRAM_BINS
                        + " bins between the prior's 0.1% and 99.9% quantiles, with the prior's density as a line.");
    }

    private static Chart quantileChart(double[] values, ContinuousDistribution marginal, int coordinate) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int points = Math.min(QUANTILE_POINTS, sorted.length);
        double[] theoretical = new double[points];
        double[] empirical = new double[points];
        for (int i = 0; i < points; i++) {
            double p = (i + 0.5) / points;
            theoretical[i] = marginal.inverseCumulativeProbability(p);
            empirical[i] = sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }
        double lo = theoretical[0];
        double hi = theoretical[points - 1];
        return Chart.of("Latent z" + coordinate + ": Q-Q plot against the prior", "prior quantile", "sample quantile")
                .with(Series.of("quantiles", Series.Style.SCATTER, theoretical, empirical))
                .with(Series.of("y = x", Series.Style.LINE, new double[] {lo, hi}, new double[] {lo, hi}))
                .withAltText("Quantile-quantile plot of latent coordinate z" + coordinate + " against the prior at "
                        + points + " probabilities; points on the line y = x mean agreement.");
    }

    /** Provides {@code type: latent-ks} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "latent-ks";
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentKolmogorovSmirnovCheck(id, DimensionTests.from(options),
                    PowerCheck.from(options, KolmogorovSmirnovPower.withDefaults(), 1));
        }
    }
}
