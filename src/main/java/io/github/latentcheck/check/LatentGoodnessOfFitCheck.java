package io.github.latentcheck.check;

import io.github.latentcheck.data.Samples;
import io.github.latentcheck.power.PowerAnalysis;
import io.github.latentcheck.power.PowerDemand;
import io.github.latentcheck.power.QuadraticEdfPower;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.prior.LatentReference;
import io.github.latentcheck.prior.Prior;
import io.github.latentcheck.spec.Options;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import io.github.latentcheck.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code latent-ad} and {@code latent-cvm}: are the latents drawn from the declared prior? A one-sample
 * Anderson–Darling ({@link AndersonDarling#oneSample}, more weight in the tails than KS) or
 * Cramér–von Mises ({@link CramerVonMises#oneSample}) test of each latent coordinate against the
 * prior's marginal, with a multiple-testing correction across coordinates (Holm unless the spec says
 * otherwise), as {@code latent-ks}.
 *
 * <p>Metrics: {@code tests}, {@code rejected}, {@code minPValue}, {@code minAdjustedPValue},
 * {@code maxStatistic} (the largest A² or W²), and {@code detectableEffect}: the smallest KS distance of a
 * location shift in normal scores that one coordinate's test detects with 80 % power at the per-test level of
 * the correction, the same alternative and unit as {@code latent-ks} (see {@link QuadraticEdfPower}). With
 * {@code power: {effect, at_least}} also {@code power} and {@code requiredSamples}; a run below
 * {@code at_least} is underpowered and fails its gates.
 */
final class LatentGoodnessOfFitCheck implements Check {
    /** The statistic a check runs. */
    enum Statistic {
        AD("latent-ad", QuadraticEdfPower.Statistic.ANDERSON_DARLING),
        CVM("latent-cvm", QuadraticEdfPower.Statistic.CRAMER_VON_MISES);

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

    private LatentGoodnessOfFitCheck(String id, Statistic statistic, Options options) {
        this.id = id;
        this.statistic = statistic;
        this.family = DimensionTests.from(options);
        this.power = PowerCheck.from(options, QuadraticEdfPower.of(statistic.modelled), 1);
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
        List<TestResult> raw = new ArrayList<>(prior.dimension());
        for (int j = 0; j < prior.dimension(); j++) {
            double[] column = latents.column(j);
            TestResult t = statistic == Statistic.AD
                    ? AndersonDarling.oneSample(column, prior.marginal(j))
                    : CramerVonMises.oneSample(column, prior.marginal(j));
            raw.add(t.withName("z" + j));
        }
        CheckResult.Builder result = CheckResult.builder(this);
        family.summarize(result, raw, "latent coordinates");
        result.metric("maxStatistic", DimensionTests.maxStatistic(raw));
        return PowerCheck.report(result, powerAnalysis(prior, latents.rows(), input.training()).orElseThrow())
                .build();
    }

    /** Provides {@code type: latent-ad} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class AndersonDarlingProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.AD.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentGoodnessOfFitCheck(id, Statistic.AD, options);
        }
    }

    /** Provides {@code type: latent-cvm} with {@code alpha}, {@code correction} and {@code power}. */
    public static final class CramerVonMisesProvider implements CheckProvider {
        @Override
        public String type() {
            return Statistic.CVM.type;
        }

        @Override
        public Check create(String id, Options options) {
            return new LatentGoodnessOfFitCheck(id, Statistic.CVM, options);
        }
    }
}
