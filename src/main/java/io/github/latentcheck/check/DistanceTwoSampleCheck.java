package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.internal.data.RowDraws;
import io.github.latentcheck.power.DistanceTestPower;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * {@code mmd} and {@code energy}: do the generated samples, as vectors, follow the training data's
 * distribution? The unbiased MMD² with a Gaussian kernel and median-heuristic bandwidth
 * ({@link TwoSampleDistance#mmd}) or the energy statistic ({@link TwoSampleDistance#energy}), with a
 * seeded permutation p-value ({@code permutations}, default 999).
 *
 * <p>Both cost O(N²) per permutation for N pooled rows, so each side is first subsampled to at most
 * {@code max_rows} rows (default 500): a seeded draw without replacement (a partial Fisher–Yates
 * shuffle on a XoShiRo256++ stream seeded with the check's seed, generated side first), kept in the
 * original row order. The draw and the permutations depend only on the seed, never on the thread count.
 *
 * <p>Metrics: {@code tests} (1), {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code statistic}, {@code rows} (rows used per side: generated, then training, as their minimum), and
 * {@code detectableEffect} (with {@code power: {effect, at_least}} also {@code power} and
 * {@code requiredSamples}): the power against a mean shift of the generated rows by that many standard deviations
 * along one direction, both sides otherwise \(N(0, I_d)\) at the data's dimension, by {@link DistanceTestPower} at
 * the effective size \(nm/(n + m)\) of the rows kept ({@code requiredSamples} is an effective size too). With B
 * permutations the p-value is never below 1/(B + 1): at an alpha no larger the check cannot reject, its
 * {@code detectableEffect} is infinite ({@code null} in {@code results.json}), {@code power} 0,
 * {@code requiredSamples} -1, and a demand fails with the permutations needed.
 */
final class DistanceTwoSampleCheck implements Check {
    /** Default {@code max_rows}. */
    static final int DEFAULT_MAX_ROWS = 500;

    /** The statistic a check runs. */
    enum Statistic {
        MMD("mmd", DistanceTestPower.Statistic.MMD),
        ENERGY("energy", DistanceTestPower.Statistic.ENERGY);

        final String type;
        final DistanceTestPower.Statistic modelled;

        Statistic(String type, DistanceTestPower.Statistic modelled) {
            this.type = type;
            this.modelled = modelled;
        }
    }

    private final String id;
    private final Statistic statistic;
    private final DimensionTests family;
    private final int permutations;
    private final int maxRows;
    private final PowerCheck power;

    private DistanceTwoSampleCheck(String id, Statistic statistic, Options options) {
        this.id = id;
        this.statistic = statistic;
        this.family = DimensionTests.from(options);
        this.permutations = options.integer("permutations", Permutations.DEFAULT_PERMUTATIONS, 1);
        this.maxRows = options.integer("max_rows", DEFAULT_MAX_ROWS, 2);
        // The model's dimension is the data's, known at run time: this one states the unit for the option's messages.
        this.power = PowerCheck.from(options, model(1), Double.POSITIVE_INFINITY);
    }

    private DistanceTestPower model(int dimension) {
        return DistanceTestPower.of(statistic.modelled, dimension, permutations);
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
        Set<String> names = DimensionTests.metricsWith("statistic", "rows");
        names.addAll(power.metricNames());
        return names;
    }

    @Override
    public Optional<PowerDemand> powerDemand() {
        return power.demand();
    }

    /** The power at the effective size of the rows kept: at most {@code max_rows} a side. */
    @Override
    public Optional<PowerAnalysis> powerAnalysis(Prior prior, int samples, Optional<Samples> training) {
        return training.map(t -> analysis(Math.min(samples, maxRows), Math.min(t.rows(), maxRows), t.columns()));
    }

    private PowerAnalysis analysis(int generatedRows, int trainingRows, int dimension) {
        return power.withModel(model(dimension)).twoSampleAnalysis(generatedRows, trainingRows, family, 1)
                .withPermutations(permutations).withMaxRows(maxRows);
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of(Requirement.TRAINING);
    }

    @Override
    public CheckResult run(CheckInput input) {
        Samples samples = input.samples();
        Samples training = input.requireTrainingLikeSamples();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(input.seed());
        double[] x = RowDraws.subsample(samples, maxRows, rng);
        double[] y = RowDraws.subsample(training, maxRows, rng);
        int d = samples.columns();
        Permutations options = Permutations.of(permutations, input.seed()).withThreads(input.threads());
        TestResult t = statistic == Statistic.MMD ? TwoSampleDistance.mmd(x, y, d, options)
                : TwoSampleDistance.energy(x, y, d, options);
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, List.of(t), "two-sample test");
        result.metric("statistic", t.statistic()).metric("rows", Math.min(x.length, y.length) / d);
        return PowerCheck.report(result, analysis(x.length / d, y.length / d, d)).build();
    }

    /**
     * Provides {@code type: mmd} with {@code alpha}, {@code correction}, {@code permutations}, {@code max_rows},
     * {@code power}.
     */
    public static final class MmdProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.MMD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new DistanceTwoSampleCheck(id, Statistic.MMD, options);
        }
    }

    /**
     * Provides {@code type: energy} with {@code alpha}, {@code correction}, {@code permutations}, {@code max_rows},
     * {@code power}.
     */
    public static final class EnergyProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.ENERGY.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new DistanceTwoSampleCheck(id, Statistic.ENERGY, options);
        }
    }
}
