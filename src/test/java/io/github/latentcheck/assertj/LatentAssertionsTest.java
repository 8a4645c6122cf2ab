package io.github.latentcheck.assertj;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.data.Latents;
import io.github.latentcheck.data.Samples;
import io.github.latentcheck.prior.GaussianPrior;
import io.github.latentcheck.prior.LatentSampler;
import io.github.latentcheck.prior.UniformPrior;
import io.github.latentcheck.run.Experiment;
import io.github.latentcheck.run.ExperimentResult;
import io.github.latentcheck.run.ExperimentRunner;
import io.github.latentcheck.spec.ExperimentSpec;
import io.github.latentcheck.gate.Gate;
import io.github.latentcheck.gate.GateResult;
import io.github.latentcheck.run.PriorRun;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Each assertion passes on what it should accept and fails, with a message a person can act on,
 * on what it should refuse. The refused cases are far from the null (uniform against Gaussian at
 * n = 5,000: KS p-values below 1e-50), so the failures are certain for these seeds and any other.
 */
class LatentAssertionsTest {
    private static final GaussianPrior GAUSSIAN = GaussianPrior.of(3);
    private static final Latents GAUSSIAN_Z = LatentSampler.sample(GAUSSIAN, 5000, 11, 1);
    private static final Latents UNIFORM_Z = LatentSampler.sample(UniformPrior.of(3, -1, 1), 5000, 11, 1);

    @Test
    void followsPriorAcceptsDrawsFromThePrior() {
        assertThat(GAUSSIAN_Z).atLevel(0.001).followsPrior(GAUSSIAN);
    }

    @Test
    void followsPriorNamesTheRejectedColumnsTheSeedAndHowToReproduce() {
        assertThatThrownBy(() -> assertThat(UNIFORM_Z).withSeed(11).followsPrior(GAUSSIAN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting latents (5000 rows, 3 columns; seed 11)")
                .hasMessageContaining("to follow N(0, I_3) by KS tests at level 0.01 (HOLM over 3 columns)")
                .hasMessageContaining("but 3 columns were rejected:")
                .hasMessageContaining("z0: statistic")
                .hasMessageContaining("adjusted p-value")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=11");
    }

    @Test
    void followsPriorUsesTheChosenTest() {
        assertThat(GAUSSIAN_Z).atLevel(0.001).usingTest(UnivariateTest.AD).followsPrior(GAUSSIAN);
        assertThat(GAUSSIAN_Z).atLevel(0.001).usingTest(UnivariateTest.CVM).followsPrior(GAUSSIAN);
        assertThatThrownBy(() -> assertThat(UNIFORM_Z).usingTest(UnivariateTest.AD).followsPrior(GAUSSIAN))
                .hasMessageContaining("by AD tests at level 0.01");
    }

    @Test
    void followsPriorRefusesAPriorOfAnotherDimension() {
        assertThatThrownBy(() -> assertThat(GAUSSIAN_Z).followsPrior(GaussianPrior.of(4)))
                .hasMessageContaining("but the prior has dimension 4");
    }

    @Test
    void hasMarginalsDistributedAsTestsEveryColumnAgainstOneDistribution() {
        assertThat(GAUSSIAN_Z.toSamples()).atLevel(0.001).hasMarginalsDistributedAs(NormalDistribution.of(0, 1));
        assertThatThrownBy(() -> assertThat(GAUSSIAN_Z.toSamples())
                .hasMarginalsDistributedAs(NormalDistribution.of(0.5, 1)))
                .hasMessageContaining("Expecting samples (5000 rows, 3 columns)")
                .hasMessageContaining("z0: statistic").hasMessageNotContaining("Reproduce with -D");
    }

    @Test
    void hasSameDistributionAsComparesColumnByColumn() {
        Samples other = LatentSampler.sample(GAUSSIAN, 4000, 12, 1).toSamples();
        assertThat(GAUSSIAN_Z.toSamples()).atLevel(0.001).hasSameDistributionAs(other);
        assertThatThrownBy(() -> assertThat(UNIFORM_Z.toSamples()).hasSameDistributionAs(other))
                .hasMessageContaining("to have the distribution of the other samples (4000 rows)");
    }

    @Test
    void hasSameDistributionAsUsesTheChosenTest() {
        Samples other = LatentSampler.sample(GAUSSIAN, 400, 12, 1).toSamples();
        Samples uniform = LatentSampler.sample(UniformPrior.of(3, -1, 1), 400, 13, 1).toSamples();
        assertThat(GAUSSIAN_Z.toSamples()).atLevel(0.001).usingTest(UnivariateTest.CVM).hasSameDistributionAs(other);
        assertThatThrownBy(() -> assertThat(uniform).usingTest(UnivariateTest.AD)
                .hasSameDistributionAs(other))
                .hasMessageContaining("by AD two-sample tests at level 0.01 (HOLM over 3 columns)");
        assertThatThrownBy(() -> assertThat(uniform).usingTest(UnivariateTest.CVM).hasSameDistributionAs(other))
                .hasMessageContaining("by CVM two-sample tests");
    }

    @Test
    void followsPriorJointlyCatchesACopiedCoordinateThatFollowsPriorPasses() {
        double[] rows = GAUSSIAN_Z.toArray();
        for (int r = 0; r < GAUSSIAN_Z.rows(); r++) {
            rows[r * 3 + 1] = rows[r * 3];
        }
        Latents copied = Latents.of(GAUSSIAN_Z.rows(), 3, rows);

        assertThat(copied).atLevel(0.001).followsPrior(GAUSSIAN);
        assertThat(GAUSSIAN_Z).atLevel(0.001).followsPriorJointly(GAUSSIAN);   // fails 0.1 % of seeds
        assertThatThrownBy(() -> assertThat(copied).withSeed(11).followsPriorJointly(GAUSSIAN))
                .hasMessageContaining("to follow N(0, I_3) jointly by KS tests of the columns, correlation tests of the "
                        + "pairs, a KS test of the squared norm against chi-squared at level 0.01 (HOLM over 7 tests)")
                .hasMessageContaining("corr(z0, z1): statistic 1.000")
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=11");
    }

    @Test
    void theEntryPointKeepsAssertJsOwnAssertThat() {
        assertThat(true).isTrue();
        assertThat(java.util.List.of(1, 2)).hasSize(2);
        assertThat(GAUSSIAN_Z).atLevel(0.001).followsPrior(GAUSSIAN);
    }

    @Test
    void passesGateFormatsValueAndBoundAndKeepsTheReasonWithoutAPValue() {
        ExperimentResult quickstart = run("quickstart");
        PriorRun run = quickstart.runs().get(0);
        Gate power = Gate.parse("latent-ks.power >= 0.8", "test");
        GateResult underpowered = GateResult.of(power, "gaussian", 0.41, 0.8, Double.NaN, false, Double.NaN,
                "underpowered: power 0.41 < 0.8");
        ExperimentResult changed = new ExperimentResult(quickstart.experiment(), List.of(new PriorRun(run.label(),
                run.prior(), run.latents(), run.samples(), run.checks(), List.of(underpowered))),
                quickstart.startedAt(), quickstart.duration());

        assertThatThrownBy(() -> assertThat(changed).prior("gaussian").passesGate("latent-ks.power >= 0.8"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Expecting latent-ks.power of prior gaussian (seed 42)")
                .hasMessageContaining(String.format("to be >= 0.8%nbut it was 0.41; underpowered: power 0.41 < 0.8"))
                .hasMessageContaining("Reproduce with -Dlatentcheck.seed=42 or: latentcheck run");
        assertThatThrownBy(() -> assertThat(run("broken-generator")).prior("gaussian")
                .passesGate("marginal-ks.rejected == 0"))
                .hasMessageContaining(String.format("to be == 0%nbut it was 2; smallest adjusted p-value"));
    }

    @Test
    void atLevelRefusesALevelOutsideTheUnitInterval() {
        assertThatThrownBy(() -> assertThat(GAUSSIAN_Z).atLevel(1.5))
                .isInstanceOf(InvalidInputException.class).hasMessage("level is not in (0, 1): 1.5");
    }

    @Test
    void runAssertionsPassAndReachChecksAndMetrics() {
        ExperimentResult quickstart = run("quickstart");

        assertThat(quickstart).passesAllGates();
        assertThat(quickstart).check("latent-ks").passed().metric("rejected").isEqualTo(0);
        assertThat(quickstart).prior("gaussian").passesAllGates().check("marginal-ks").metric("maxStatistic")
                .isLessThan(0.03);
    }

    @Test
    void passesAllGatesListsTheFailedGatesWithValuesBoundsAndTheSeed() {
        ExperimentResult broken = run("broken-generator");

        assertThatThrownBy(() -> assertThat(broken).passesAllGates())
                .hasMessageContaining("Expecting experiment broken-generator (seed 42, 5000 samples per prior)")
                .hasMessageContaining("but 2 failed:")
                .hasMessageContaining("[gaussian] marginal-ks.rejected == 0: value 2, bound == 0;")
                .hasMessageContaining("smallest adjusted p-value of marginal-ks")
                .hasMessageContaining("--seed 42");
    }

    @Test
    void metricNamesTheCheckWhenItFails() {
        ExperimentResult quickstart = run("quickstart");

        assertThatThrownBy(() -> assertThat(quickstart).check("latent-ks").metric("rejected").isEqualTo(1))
                .hasMessageContaining("latent-ks.rejected");
        assertThatThrownBy(() -> assertThat(quickstart).check("latent-ks").metric("nope"))
                .hasMessageContaining("to report the metric 'nope'");
        assertThatThrownBy(() -> assertThat(quickstart).prior("uniform"))
                .hasMessageContaining("to have a prior labelled 'uniform'");
    }

    private static ExperimentResult run(String name) {
        ExperimentSpec spec = ExperimentSpec.read(Path.of("experiments", name + ".yaml"));
        return ExperimentRunner.withDefaults().withThreads(2).run(Experiment.load(spec, 42, 5000));
    }
}
