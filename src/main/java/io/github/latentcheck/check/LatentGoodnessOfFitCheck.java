package io.github.latentcheck.check;

import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code latent-ad} and {@code latent-cvm}: are the latents drawn from the declared prior? A one-sample
 * Anderson–Darling ({@link AndersonDarling#oneSample}, more weight in the tails than KS) or
 * Cramér–von Mises ({@link CramerVonMises#oneSample}) test of each latent coordinate against the
 * prior's marginal, with a multiple-testing correction across coordinates (Holm unless the spec says
 * otherwise), as {@code latent-ks}.
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code maxStatistic} (the largest A² or W²).
 */
public final class LatentGoodnessOfFitCheck implements Check {
    /** The statistic a check runs. */
    enum Statistic {
        AD("latent-ad"),
        CVM("latent-cvm");

        final String type;

        Statistic(String type) {
            this.type = type;
        }
    }

    private final String id;
    private final Statistic statistic;
    private final DimensionTests family;

    private LatentGoodnessOfFitCheck(String id, Statistic statistic, DimensionTests family) {
        this.id = id;
        this.statistic = statistic;
        this.family = family;
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
        return Set.of();
    }

    @Override
    public CheckResult run(CheckInput input) {
        Prior prior = input.prior();
        List<TestResult> raw = new ArrayList<>(prior.dimension());
        for (int j = 0; j < prior.dimension(); j++) {
            double[] column = input.latents().column(j);
            TestResult t = statistic == Statistic.AD
                    ? AndersonDarling.oneSample(column, prior.marginal(j))
                    : CramerVonMises.oneSample(column, prior.marginal(j));
            raw.add(t.withName("z" + j));
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "latent coordinates");
        return result.metric("maxStatistic", DimensionTests.maxStatistic(raw)).build();
    }

    /** Provides {@code type: latent-ad} with {@code alpha} and {@code correction}. */
    public static final class AndersonDarlingProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.AD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentGoodnessOfFitCheck(id, Statistic.AD, DimensionTests.from(options));
        }
    }

    /** Provides {@code type: latent-cvm} with {@code alpha} and {@code correction}. */
    public static final class CramerVonMisesProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.CVM.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentGoodnessOfFitCheck(id, Statistic.CVM, DimensionTests.from(options));
        }
    }
}
