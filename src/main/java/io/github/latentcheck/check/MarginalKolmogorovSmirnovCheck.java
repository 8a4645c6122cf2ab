package io.github.latentcheck.check;

import io.github.latentcheck.chart.Chart;
import io.github.latentcheck.chart.Series;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.KolmogorovSmirnov;
import io.github.latentcheck.stats.KolmogorovSmirnovTwoSampleResult;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code marginal-ks}: does each output column follow the training data's marginal? A two-sample
 * two-sided Kolmogorov–Smirnov test per column, {@code D_{n,m} = sup_x |F_n(x) − G_m(x)|}, with a
 * multiple-testing correction across columns. See {@link KolmogorovSmirnov} for the p-values: exact
 * (conditional on ties, if any) when n·m ≤ 10⁸, asymptotic beyond.
 *
 * <p>Metrics: those of every per-dimension check ({@code tests}, {@code rejected},
 * {@code maxStatistic}, {@code minPValue}, {@code minAdjustedPValue}) and {@code tiedColumns}, the
 * number of columns whose pooled values (generated and training) hold ties (their exact p-values are
 * exact conditional on the ties), and {@code detectableEffect} (with {@code power: {effect, at_least}}
 * also {@code power} and {@code requiredSamples}) as for {@code latent-ks}, with the one-sample power
 * model at the effective size \(nm/(n + m)\) (see {@link KolmogorovSmirnovPower}); {@code requiredSamples}
 * is then an effective size too.
 */
final class MarginalKolmogorovSmirnovCheck implements Check {
    private static final int ECDF_POINTS = 400;
    private final String id;
    private final DimensionTests family;
    private final PowerCheck power;

    private MarginalKolmogorovSmirnovCheck(String id, DimensionTests family, PowerCheck power) {
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
        return "marginal-ks";
    }

    @Override
    public Set<String> metricNames() {
        Set<String> names = DimensionTests.metricsWith("maxStatistic", "tiedColumns");
        names.addAll(power.metricNames());
        return names;
    }

    @Override
    public Optional<PowerDemand> powerDemand() {
        return power.demand();
    }

    /** The power at the effective size nm/(n + m) with n generated and m training rows, over the training columns. */
    @Override
    public Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return training.map(t -> power.twoSampleAnalysis(samples, t.rows(), family, t.columns()));
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.TRAINING);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples samples = input.samples();
        Samples training = input.requireTrainingLikeSamples();
        List<TestResult> raw = new ArrayList<>();
        long tied = 0;
        int worst = 0;
        for (int c = 0; c < samples.columns(); c++) {
            KolmogorovSmirnovTwoSampleResult t = KolmogorovSmirnov.twoSample(samples.column(c), training.column(c));
            tied += t.hasTies() ? 1 : 0;
            TestResult named = t.result().withName(samples.columnNames().get(c));
            raw.add(named);
            if (named.statistic() > raw.get(worst).statistic()) {
                worst = c;
            }
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "output columns");
        String column = samples.columnNames().get(worst);
        result.metric("maxStatistic", DimensionTests.maxStatistic(raw)).metric("tiedColumns", tied);
        PowerCheck.report(result, powerAnalysis(input.prior(), samples.rows(), Optional.of(training)).orElseThrow());
        return result
                .chart(Chart.of("Column " + column + ": generated against training", column, "empirical CDF")
                        .with(Series.ecdf("generated", samples.column(worst), ECDF_POINTS))
                        .with(Series.ecdf("training", training.column(worst), ECDF_POINTS))
                        .withAltText("Empirical CDFs of output column " + column + " for the generated samples and "
                                + "the training data; this column has the largest two-sample KS distance, D = "
                                + raw.get(worst).statistic() + "."))
                .build();
    }

    /** Provides {@code type: marginal-ks} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class Provider implements CheckProvider {
        @Override
        public String type() {
            return "marginal-ks";
        }

        @Override
        public Check create(String id, Options options) {
            return new MarginalKolmogorovSmirnovCheck(id, DimensionTests.from(options),
                    PowerCheck.from(options, KolmogorovSmirnovPower.withDefaults(), 1));
        }
    }
}
