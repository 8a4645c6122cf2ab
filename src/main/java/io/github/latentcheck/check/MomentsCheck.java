package io.github.latentcheck.check;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.VarianceTestPower;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.LatentReference;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.CentralMoments;
import io.github.latentcheck.stats.MomentTests;
import io.github.latentcheck.stats.MonteCarloNull;
import io.github.latentcheck.stats.SampleMoments;
import io.github.latentcheck.stats.TestResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code moments}: do the latents have the prior's mean, variance, skewness and kurtosis? Four tests
 * per coordinate (see {@link MomentTests}): a z-test of the mean, a test of the variance (exact χ²
 * under a Gaussian prior), and tests of skewness and excess kurtosis (D'Agostino and
 * Anscombe–Glynn under a Gaussian prior, delta-method z-tests from the prior's central moments
 * otherwise). With {@code omnibus: jarque-bera}, {@code k2} or {@code both} (Gaussian priors only) also the
 * Jarque–Bera and/or D'Agostino–Pearson K² tests of normality per coordinate
 * ({@link MomentTests#jarqueBera(double[])}, {@link MomentTests#dagostinoPearson(double[])}), Monte Carlo at
 * small n like skewness and kurtosis (streams 2d + 2j and 2d + 2j + 1); off by default, so the family and
 * the power model's m stay 4·d. One correction runs over all the tests.
 *
 * <p>Small samples ({@code small_sample: monte-carlo}, the default): with at most
 * {@value MonteCarloNull#DEFAULT_MAX_SAMPLE_SIZE} latents, where those normal approximations are off
 * (Anscombe–Glynn rejects 4.0 % of Gaussian samples at n = 10 and α = 0.05, the delta-method kurtosis
 * test 13 % of uniform ones), the skewness and kurtosis p-values are
 * \(p = (1 + \#\{b : |T_b| \ge |T_0|\}) / (B + 1)\) from B = {@code draws} (default
 * {@value MonteCarloNull#DEFAULT_DRAWS}) samples of the same size drawn from the coordinate's marginal
 * under the prior ({@link MomentTests#skewness(double[], CentralMoments, MonteCarloNull)}; Barnard 1963,
 * Phipson &amp; Smyth 2010), method {@code estimate}; each of the 2·d simulations has its own stream,
 * {@link CheckInput#seed(int)} with stream 2j for coordinate j's skewness and 2j + 1 for its kurtosis, so
 * the p-values do not depend on the threads. The smallest such p-value is 1/(B + 1), which the
 * correction over 4·d tests must be able to reach (with Holm at α = 0.05 and B = 999: d ≤ 12); raise
 * {@code draws} for wide latents. {@code small_sample: asymptotic} keeps the normal approximations at
 * every n; above {@value MonteCarloNull#DEFAULT_MAX_SAMPLE_SIZE} latents they are always used.
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
final class MomentsCheck implements Check {
    /** How the skewness and kurtosis p-values of small samples are found. */
    enum SmallSample {
        /** From a seeded Monte Carlo null under the prior's marginal, {@link MonteCarloNull}. */
        MONTE_CARLO,
        /** From the normal approximations, as for large samples. */
        ASYMPTOTIC
    }

    /** Which omnibus moment tests of normality are added per coordinate. */
    enum Omnibus {
        /** None: the four moment tests only. */
        NONE(false, false),
        /** Jarque–Bera. */
        JARQUE_BERA(true, false),
        /** D'Agostino–Pearson K². */
        K2(false, true),
        /** Both. */
        BOTH(true, true);

        private final boolean jarqueBera;
        private final boolean k2;

        Omnibus(boolean jarqueBera, boolean k2) {
            this.jarqueBera = jarqueBera;
            this.k2 = k2;
        }

        int tests() {
            return (jarqueBera ? 1 : 0) + (k2 ? 1 : 0);
        }
    }

    private final String id;
    private final DimensionTests family;
    private final PowerCheck power;
    private final SmallSample smallSample;
    private final int draws;
    private final Omnibus omnibus;

    private MomentsCheck(String id, DimensionTests family, PowerCheck power, SmallSample smallSample, int draws,
            Omnibus omnibus) {
        this.id = id;
        this.family = family;
        this.power = power;
        this.smallSample = smallSample;
        this.draws = draws;
        this.omnibus = omnibus;
    }

    /** @return the number of tests per latent coordinate: 4, plus the omnibus tests asked for */
    private int perCoordinate() {
        return 4 + omnibus.tests();
    }

    @Override
    public void validate(Prior tested) {
        if (!tested.hasReference()) {
            return;
        }
        Prior prior = tested.marginalReference().law();
        for (int j = 0; j < prior.dimension(); j++) {
            if (!prior.moments(j).isGaussian() && omnibus != Omnibus.NONE) {
                throw new InvalidInputException(id + ": omnibus tests of normality need a prior with Gaussian "
                        + "marginals, not " + prior.type());
            }
        }
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
        return Optional.of(power.analysis(samples, family, perCoordinate() * prior.dimension()));
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
        int per = perCoordinate();
        TestResult[] raw = new TestResult[per * d];
        double[] meanError = new double[d];
        double[] varianceError = new double[d];
        double[] skewnessError = new double[d];
        double[] kurtosisError = new double[d];
        Tasks.run(d, input.threads(), j -> {
            double[] x = latents.column(j);
            CentralMoments ref = prior.moments(j);
            SampleMoments m = SampleMoments.of(x);
            meanError[j] = Math.abs(m.mean() - ref.mean()) / Math.sqrt(ref.mu2());
            varianceError[j] = Math.abs(m.variance() - ref.mu2());
            skewnessError[j] = Math.abs(m.skewness());
            kurtosisError[j] = Math.abs(m.excessKurtosis() - (ref.mu4() / (ref.mu2() * ref.mu2()) - 3));
            int at = per * j;
            raw[at] = rename(MomentTests.mean(x, ref), "mean[z" + j + "]");
            raw[at + 1] = rename(MomentTests.variance(x, ref), "variance[z" + j + "]");
            boolean simulate = smallSample == SmallSample.MONTE_CARLO;
            raw[at + 2] = rename(simulate ? MomentTests.skewness(x, ref,
                    MonteCarloNull.of(prior.marginal(j), draws, input.seed(2 * j))) : MomentTests.skewness(x, ref),
                    "skewness[z" + j + "]");
            raw[at + 3] = rename(simulate ? MomentTests.kurtosis(x, ref,
                    MonteCarloNull.of(prior.marginal(j), draws, input.seed(2 * j + 1))) : MomentTests.kurtosis(x, ref),
                    "kurtosis[z" + j + "]");
            int next = at + 4;
            if (omnibus.jarqueBera) {
                MonteCarloNull null0 = MonteCarloNull.of(prior.marginal(j), draws, input.seed(2 * d + 2 * j));
                raw[next++] = rename(simulate ? MomentTests.jarqueBera(x, null0) : MomentTests.jarqueBera(x),
                        "jarque-bera[z" + j + "]");
            }
            if (omnibus.k2) {
                MonteCarloNull null1 = MonteCarloNull.of(prior.marginal(j), draws, input.seed(2 * d + 2 * j + 1));
                raw[next] = rename(simulate ? MomentTests.dagostinoPearson(x, null1) : MomentTests.dagostinoPearson(x),
                        "k2[z" + j + "]");
            }
        });
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, Arrays.asList(raw), "moment tests (" + per + " per latent coordinate)");
        double[] index = new double[d];
        for (int j = 0; j < d; j++) {
            index[j] = j;
        }
        result.metric("maxMeanError", max(meanError))
                .metric("maxVarianceError", max(varianceError))
                .metric("maxSkewnessError", max(skewnessError))
                .metric("maxKurtosisError", max(kurtosisError));
        PowerAnalysis analysis = powerAnalysis(prior, latents.rows(), input.training()).orElseThrow();
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
        return t.withName(name);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Provides {@code type: moments} with {@code alpha}, {@code correction}, {@code power},
     * {@code small_sample} ({@code monte-carlo}, the default, or {@code asymptotic}), {@code draws}
     * (B, default {@value MonteCarloNull#DEFAULT_DRAWS}, at least 1; only with {@code monte-carlo}) and
     * {@code omnibus} ({@code none}, the default, {@code jarque-bera}, {@code k2} or {@code both}).
     */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "moments";
        }

        @Override
        public Check create(String id, Options options) {
            String name = options.string("small_sample", "monte-carlo");
            SmallSample smallSample;
            try {
                smallSample = SmallSample.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(options.where("small_sample") + ": " + options.section()
                        + ".small_sample is not one of monte-carlo, asymptotic: '" + name + "'", e);
            }
            if (smallSample == SmallSample.ASYMPTOTIC && options.has("draws")) {
                throw new InvalidInputException(options.where("draws") + ": " + options.section()
                        + ".draws goes with small_sample: monte-carlo, not asymptotic");
            }
            return new MomentsCheck(id, DimensionTests.from(options),
                    PowerCheck.from(options, MeanTestPower.of(), Double.POSITIVE_INFINITY), smallSample,
                    options.integer("draws", MonteCarloNull.DEFAULT_DRAWS, 1), omnibus(options));
        }

        private static Omnibus omnibus(Options options) {
            String name = options.string("omnibus", "none");
            try {
                return Omnibus.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(options.where("omnibus") + ": " + options.section()
                        + ".omnibus is not one of none, jarque-bera, k2, both: '" + name + "'", e);
            }
        }
    }
}
