package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
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
 * {@code maxStatistic}. With B permutations the smallest possible AD p-value is 1/(B + 1): choose B
 * so that alpha, after the correction, can be reached.
 */
public final class MarginalTwoSampleCheck implements Check {
    /** The statistic a check runs. */
    enum Statistic {
        AD("marginal-ad"),
        CVM("marginal-cvm");

        final String type;

        Statistic(String type) {
            this.type = type;
        }
    }

    private final String id;
    private final Statistic statistic;
    private final DimensionTests family;
    private final int permutations;

    private MarginalTwoSampleCheck(String id, Statistic statistic, DimensionTests family, int permutations) {
        this.id = id;
        this.statistic = statistic;
        this.family = family;
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
        return DimensionTests.metricsWith("maxStatistic");
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
            raw.add(TestResult.of(samples.columnNames().get(c), t.statistic(), t.pValue(), t.method()));
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "output columns");
        return result.metric("maxStatistic", DimensionTests.maxStatistic(raw)).build();
    }

    /** Provides {@code type: marginal-ad} with {@code alpha}, {@code correction} and {@code permutations}. */
    public static final class AndersonDarlingProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.AD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new MarginalTwoSampleCheck(id, Statistic.AD, DimensionTests.from(options),
                    options.integer("permutations", Permutations.DEFAULT_PERMUTATIONS, 1));
        }
    }

    /** Provides {@code type: marginal-cvm} with {@code alpha} and {@code correction}. */
    public static final class CramerVonMisesProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.CVM.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new MarginalTwoSampleCheck(id, Statistic.CVM, DimensionTests.from(options), 0);
        }
    }
}
