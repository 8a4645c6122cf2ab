package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.QuadraticEdfPower;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code marginal-ad} and {@code marginal-cvm}: does each output column follow the training data's
 * marginal? Per column, the k = 2 sample Anderson–Darling test ({@link AndersonDarling#kSample}, a
 * seeded permutation p-value with option {@code permutations}, default 999; column c uses the
 * check's seed plus c times a fixed odd constant) or the two-sample Cramér–von Mises test
 * ({@link CramerVonMises#twoSample}, exact when both samples have at most 20 rows, asymptotic
 * otherwise), with a multiple-testing correction across columns.
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code maxStatistic}, and {@code detectableEffect} (with {@code power: {effect, at_least}} also
 * {@code power} and {@code requiredSamples}) as for {@code marginal-ks}: the one-sample power model of the
 * statistic ({@link QuadraticEdfPower}, effect a KS distance of a location shift in normal scores) at the
 * effective size \(nm/(n + m)\); {@code requiredSamples} is then an effective size too. With B permutations
 * the smallest possible AD p-value is 1/(B + 1): when the per-test alpha is no larger, no column can be rejected,
 * so {@code detectableEffect} is infinite, {@code power} 0, {@code requiredSamples} -1, and a demand fails with
 * the permutations needed ({@link PowerAnalysis#withPermutations}); above it the model assumes the permutation
 * p-value is as fine as the test's own.
 */
final class MarginalTwoSampleCheck implements Check {
    /** The statistic a check runs. */
    enum Statistic {
        AD("marginal-ad", QuadraticEdfPower.Statistic.ANDERSON_DARLING),
        CVM("marginal-cvm", QuadraticEdfPower.Statistic.CRAMER_VON_MISES);

        final String type;
        final QuadraticEdfPower.Statistic modelled;

        Statistic(String type, QuadraticEdfPower.Statistic modelled) {
            this.type = type;
            this.modelled = modelled;
        }
    }

    private final String id;
    private final Statistic statistic;
    private final DimensionTests family;
    private final PowerCheck power;
    private final int permutations;

    private MarginalTwoSampleCheck(String id, Statistic statistic, Options options, int permutations) {
        this.id = id;
        this.statistic = statistic;
        this.family = DimensionTests.from(options);
        this.power = PowerCheck.from(options, QuadraticEdfPower.of(statistic.modelled), 1);
        this.permutations = permutations;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return statistic.type;
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

    /**
     * The power at the effective size nm/(n + m) with n generated and m training rows, over the training columns;
     * for AD, with its permutations (see {@link PowerAnalysis#withPermutations}).
     */
    @Override
    public Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return training.map(t -> {
            PowerAnalysis analysis = power.twoSampleAnalysis(samples, t.rows(), family, t.columns());
            return statistic == Statistic.AD ? analysis.withPermutations(permutations) : analysis;
        });
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
        for (int c = 0; c < samples.columns(); c++) {
            double[] x = samples.column(c);
            double[] y = training.column(c);
            TestResult t = statistic == Statistic.AD
                    ? AndersonDarling.kSample(List.of(x, y),
                            Permutations.of(permutations, input.seed(c)).withThreads(input.threads()))
                    : CramerVonMises.twoSample(x, y);
            raw.add(t.withName(samples.columnNames().get(c)));
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "output columns");
        result.metric("maxStatistic", DimensionTests.maxStatistic(raw));
        return PowerCheck.report(result, powerAnalysis(input.prior(), samples.rows(), Optional.of(training))
                .orElseThrow()).build();
    }

    /**
     * Provides {@code type: marginal-ad} with {@code alpha}, {@code correction}, {@code permutations} and
     * {@code power}.
     */
    public static final class AndersonDarlingProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.AD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new MarginalTwoSampleCheck(id, Statistic.AD, options,
                    options.integer("permutations", Permutations.DEFAULT_PERMUTATIONS, 1));
        }
    }

    /** Provides {@code type: marginal-cvm} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class CramerVonMisesProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.CVM.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new MarginalTwoSampleCheck(id, Statistic.CVM, options, 0);
        }
    }
}
