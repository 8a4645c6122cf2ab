package io.github.latentcheck.check;

import io.github.latentcheck.internal.data.RowDraws;
import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.FilePrior;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * {@code latent-energy} and {@code latent-mmd}: do the latents, as vectors, follow the prior's joint law?
 * The latents are compared with fresh draws of the prior by the energy statistic
 * ({@link TwoSampleDistance#energy}) or the unbiased MMD² with a Gaussian kernel and median-heuristic
 * bandwidth ({@link TwoSampleDistance#mmd}), with a seeded permutation p-value ({@code permutations},
 * default 999). This is the joint test of priors whose law has no closed-form multivariate test: a
 * {@code mixture} (its coordinates share the component) and a {@code flow} without an inverse; it applies
 * to every prior that can be drawn from, and to a {@code file} prior through its {@code reference}.
 *
 * <p>Both statistics cost O(N²) per permutation, so the latents are first subsampled to at most
 * {@code max_rows} rows (default 500; a seeded draw without replacement on a XoShiRo256++ stream seeded
 * with the check's seed, as {@code energy}), and the same number of fresh rows is drawn from the prior by
 * {@link io.github.latentcheck.prior.LatentSampler} with seed {@code seed(1)} of the check, a stream no run's
 * latents use. Under the null both sides are independent samples of the same law, so the permutation
 * p-value is exact up to its Monte Carlo resolution 1/(B + 1). The draws and the permutations depend only on
 * the seed, never on the thread count.
 *
 * <p>Metrics: {@code tests} (1), {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code statistic} and {@code rows} (rows per side).
 */
final class LatentTwoSampleCheck implements Check {
    /** Default {@code max_rows}. */
    static final int DEFAULT_MAX_ROWS = 500;

    /** The statistic a check runs. */
    enum Statistic {
        ENERGY("latent-energy"),
        MMD("latent-mmd");

        final String type;

        Statistic(String type) {
            this.type = type;
        }
    }

    private final String id;
    private final Statistic statistic;
    private final DimensionTests family;
    private final int permutations;
    private final int maxRows;

    private LatentTwoSampleCheck(String id, Statistic statistic, Options options) {
        this.id = id;
        this.statistic = statistic;
        this.family = DimensionTests.from(options);
        this.permutations = options.integer("permutations", Permutations.DEFAULT_PERMUTATIONS, 1);
        this.maxRows = options.integer("max_rows", DEFAULT_MAX_ROWS, 2);
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
        return DimensionTests.metricsWith("statistic", "rows");
    }

    @Override
    public Set<Requirement> requirements() {
        return Set.of();
    }

    @Override
    public void validate(Prior prior) {
        if (prior instanceof FilePrior file && file.reference().isEmpty()) {
            throw new InvalidInputException(statistic.type + " compares the latents with fresh draws of the prior, and a "
                    + "file prior without a 'reference' has no law to draw from");
        }
    }

    /** @return the law fresh rows are drawn from: a file prior's reference, else the prior itself */
    private static Prior law(Prior prior) {
        if (prior instanceof FilePrior file) {
            return file.reference().orElseThrow(() -> new InvalidInputException(
                    "a file prior without a 'reference' has no law to draw fresh latents from"));
        }
        return prior;
    }

    @Override
    public CheckResult run(CheckInput input) {
        Latents latents = input.latents();
        int d = latents.dimension();
        UniformRandomProvider rng = RandomSource.XO_SHI_RO_256_PP.create(input.seed());
        double[] x = RowDraws.subsample(latents.toSamples(), maxRows, rng);
        int rows = x.length / d;
        double[] y = law(input.prior()).draw(rows, input.seed(1), input.threads()).toArray();
        Permutations options = Permutations.of(permutations, input.seed()).withThreads(input.threads());
        TestResult t = statistic == Statistic.MMD ? TwoSampleDistance.mmd(x, y, d, options)
                : TwoSampleDistance.energy(x, y, d, options);
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, List.of(t), "two-sample test against fresh prior draws");
        return result.metric("statistic", t.statistic()).metric("rows", rows).build();
    }

    /** Provides {@code type: latent-energy} with {@code alpha}, {@code correction}, {@code permutations}, {@code max_rows}. */
    public static final class EnergyProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.ENERGY.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentTwoSampleCheck(id, Statistic.ENERGY, options);
        }
    }

    /** Provides {@code type: latent-mmd} with {@code alpha}, {@code correction}, {@code permutations}, {@code max_rows}. */
    public static final class MmdProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.MMD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentTwoSampleCheck(id, Statistic.MMD, options);
        }
    }
}
