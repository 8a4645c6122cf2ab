package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.VarianceTestPower;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.SampleMoments;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code moments}: do the latents have the prior's mean, variance, skewness and kurtosis? Four tests
 * per coordinate (see {@link MomentTests}): a z-test of the mean, a test of the variance (exact χ²
 * under a Gaussian prior), and tests of skewness and excess kurtosis (D'Agostino and
 * Anscombe–Glynn under a Gaussian prior, delta-method z-tests from the prior's central moments
 * otherwise). One correction runs over all 4·d tests.
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue}, and {@code maxMeanError},
 * {@code maxVarianceError}, {@code maxSkewnessError}, {@code maxKurtosisError}: the largest
 * absolute difference from the prior's value over the coordinates (the mean error in the prior's
 * standard deviations), and {@code detectableEffect}: the smallest mean shift, in the prior's standard
 * deviations, that one coordinate's z-test detects with 80 % power at the per-test level of the
 * correction over the 4·d tests ({@link MeanTestPower}; {@link PowerDemand#perTestAlpha}). With
 * {@code power: {effect, at_least}} (effect a mean shift in sd) also {@code power} and
 * {@code requiredSamples}; a run below {@code at_least} is underpowered and fails its gates. And
 * {@code detectableVarianceInflation}: the smallest ratio − 1 of the data's variance to the prior's that
 * one coordinate's χ² variance test detects with 80 % power at the same per-test level
 * ({@link VarianceTestPower}); NaN unless every marginal of the prior is Gaussian (the χ² test's power
 * is exact only there).
 */
public final class MomentsCheck implements Check {
    private final String id;
    private final DimensionTests family;
    private final PowerCheck power;

    private MomentsCheck(String id, DimensionTests family, PowerCheck power) {
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
        return "moments";
    }

    @Override
    public Set<String> metricNames() {
        Set<String> names = DimensionTests.metricsWith("maxMeanError", "maxVarianceError", "maxSkewnessError",
                "maxKurtosisError");
        names.addAll(power.metricNames());
        names.add("detectableVarianceInflation");
        return names;
    }

    @Override
    public Optional<PowerDemand> powerDemand() {
        return power.demand();
    }

    @Override
    public Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return Optional.of(power.analysis(samples, family, 4 * prior.dimension()));
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.PRIOR_REFERENCE);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Prior prior = input.prior();
        int d = prior.dimension();
        List<TestResult> raw = new ArrayList<>(4 * d);
        double[] meanError = new double[d];
        double[] varianceError = new double[d];
        double[] skewnessError = new double[d];
        double[] kurtosisError = new double[d];
        for (int j = 0; j < d; j++) {
            double[] x = input.latents().column(j);
            CentralMoments ref = prior.moments(j);
            SampleMoments m = SampleMoments.of(x);
            meanError[j] = Math.abs(m.mean() - ref.mean()) / Math.sqrt(ref.mu2());
            varianceError[j] = Math.abs(m.variance() - ref.mu2());
            skewnessError[j] = Math.abs(m.skewness());
            kurtosisError[j] = Math.abs(m.excessKurtosis() - (ref.mu4() / (ref.mu2() * ref.mu2()) - 3));
            raw.add(rename(MomentTests.mean(x, ref), "mean[z" + j + "]"));
            raw.add(rename(MomentTests.variance(x, ref), "variance[z" + j + "]"));
            raw.add(rename(MomentTests.skewness(x, ref), "skewness[z" + j + "]"));
            raw.add(rename(MomentTests.kurtosis(x, ref), "kurtosis[z" + j + "]"));
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "moment tests (4 per latent coordinate)");
        double[] index = new double[d];
        for (int j = 0; j < d; j++) {
            index[j] = j;
        }
        result.metric("maxMeanError", max(meanError))
                .metric("maxVarianceError", max(varianceError))
                .metric("maxSkewnessError", max(skewnessError))
                .metric("maxKurtosisError", max(kurtosisError));
        PowerAnalysis analysis = powerAnalysis(prior, input.latents().rows(), input.training()).orElseThrow();
        PowerCheck.report(result, analysis);
        boolean gaussian = true;
        for (int j = 0; j < d; j++) {
            gaussian &= prior.moments(j).isGaussian();
        }
        return result.metric("detectableVarianceInflation", gaussian
                ? VarianceTestPower.of().detectableEffect(analysis.n(), analysis.perTestAlpha(), PowerDemand.REPORTED_POWER)
                : Double.NaN)
                .chart(Chart.of("Moment errors per latent coordinate", "latent coordinate", "absolute error")
                        .with(Series.of("mean (in prior sd)", Series.Style.SCATTER, index, meanError))
                        .with(Series.of("variance", Series.Style.SCATTER, index, varianceError))
                        .with(Series.of("skewness", Series.Style.SCATTER, index, skewnessError))
                        .with(Series.of("excess kurtosis", Series.Style.SCATTER, index, kurtosisError))
                        .withAltText("Absolute differences between the sample and the prior's mean, variance, "
                                + "skewness and excess kurtosis for each of the " + d + " latent coordinates."))
                .build();
    }

    private static TestResult rename(TestResult t, String name) {
        return TestResult.of(name, t.statistic(), t.pValue(), t.method());
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Provides {@code type: moments} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "moments";
        }

        @Override
        public Check create(String id, Options options) {
            return new MomentsCheck(id, DimensionTests.from(options),
                    PowerCheck.from(options, MeanTestPower.of(), Double.POSITIVE_INFINITY));
        }
    }
}
