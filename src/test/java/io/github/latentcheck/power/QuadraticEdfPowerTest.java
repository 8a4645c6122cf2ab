package io.github.latentcheck.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.power.QuadraticEdfPower.Statistic;
import io.github.latentcheck.stats.AndersonDarling;
import io.github.latentcheck.stats.CramerVonMises;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Anderson–Darling and Cramér–von Mises power models: their power against an independent seeded
 * simulation of the real tests ({@link AndersonDarling#oneSample}, {@link CramerVonMises#oneSample}), the
 * critical values against the published asymptotic points, and the properties a power model must have.
 */
class QuadraticEdfPowerTest {
    /** Not {@link NormalShiftPower#DEFAULT_SEED}: the check must not share the model's random numbers. */
    private static final long SIMULATION_SEED = 7_000_003L;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /**
     * The model's power (its own simulation, 400 replicates) against a fresh simulation of the test itself on
     * N(θ, 1) data against N(0, 1), rejecting when the p-value is below α, with another seed: within 4 standard
     * errors of their difference, \(\sqrt{p(1-p)(1/R_{model} + 1/R_{test})}\) (each case fails by chance with
     * probability about 6e-5). The cases: a small n, the model's own detectable effect at n = 200 (power 0.8 by
     * construction), and n = 1,000, simulated by the model at its limit 250 with the shift rescaled. The real
     * CvM test costs about a millisecond a p-value (its series), so it runs 1,000 replicates a case, AD 2,000.
     */
    @ParameterizedTest
    @EnumSource(Statistic.class)
    void powerMatchesASimulationOfTheRealTest(Statistic statistic, TestReporter reporter) {
        QuadraticEdfPower model = QuadraticEdfPower.of(statistic);
        double detectable = model.detectableEffect(200, 0.05 / 3, 0.8);
        int replicates = statistic == Statistic.ANDERSON_DARLING ? 2000 : 1000;
        Object[][] cases = {
            {30, 0.05, 0.2},
            {200, 0.05 / 3, detectable},
            {1000, 0.01, 0.05},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            int n = (Integer) c[0];
            double alpha = (Double) c[1];
            double distance = (Double) c[2];
            double reported = model.power(n, alpha, distance);
            double simulated = simulate(statistic, n, alpha, NormalShiftPower.shiftOf(distance), replicates);
            double pooled = (reported * model.replicates() + simulated * replicates) / (model.replicates() + replicates);
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / model.replicates() + 1.0 / replicates));
            String line = String.format(Locale.ROOT, "%s n = %d, alpha = %.4g, KS distance %.4g: model %.4f, "
                    + "simulation %.4f (%d replicates), difference %.2f standard errors", statistic.shortName(), n, alpha,
                    distance, reported, simulated, replicates, (reported - simulated) / se);
            reporter.publishEntry("quadratic EDF power", line);
            if (!(Math.abs(reported - simulated) <= 4 * se)) {
                failures.add(line);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(model.power(200, 0.05 / 3, detectable)).isBetween(0.8, 0.8 + 2.0 / model.replicates());
    }

    /** The share of samples of N(shift, 1) the real test rejects against N(0, 1). */
    private static double simulate(Statistic statistic, int n, double alpha, double shift, int replicates) {
        return ShiftedNormalRejections.rate(SIMULATION_SEED + n, n, shift, replicates,
                x -> statistic == Statistic.ANDERSON_DARLING ? AndersonDarling.oneSample(x, STANDARD).reject(alpha)
                        : CramerVonMises.oneSample(x, STANDARD).reject(alpha));
    }

    /**
     * The critical values are roots of the tests' own p-values, so at large n they approach the asymptotic
     * points (A² 2.492 and 3.878 at 5 % and 1 %, Marsaglia and Marsaglia 2004, whose limiting distribution
     * the p-value uses; Stephens' 1974 Table 1A has 3.857 at 1 %, from an older approximation; W² 0.461 and
     * 0.743, Stephens 1974); the finite-n corrections at n = 1,000 are below 0.3 % here.
     */
    @Test
    void criticalValuesAreRootsOfTheTestsPValuesNearTheAsymptoticPoints() {
        assertThat(QuadraticEdfPower.criticalValue(Statistic.ANDERSON_DARLING, 1000, 0.05)).isCloseTo(2.492, within(0.01));
        assertThat(QuadraticEdfPower.criticalValue(Statistic.ANDERSON_DARLING, 1000, 0.01)).isCloseTo(3.878, within(0.01));
        assertThat(QuadraticEdfPower.criticalValue(Statistic.CRAMER_VON_MISES, 1000, 0.05)).isCloseTo(0.461, within(0.002));
        assertThat(QuadraticEdfPower.criticalValue(Statistic.CRAMER_VON_MISES, 1000, 0.01)).isCloseTo(0.743, within(0.003));
        for (int n : new int[] {10, 50, 300}) {
            double ad = QuadraticEdfPower.criticalValue(Statistic.ANDERSON_DARLING, n, 0.001);
            assertThat(AndersonDarling.pValue(n, ad)).isCloseTo(0.001, within(1e-12));
            double cvm = QuadraticEdfPower.criticalValue(Statistic.CRAMER_VON_MISES, n, 0.001);
            assertThat(CramerVonMises.oneSamplePValue(cvm, n)).isCloseTo(0.001, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(Statistic.class)
    void powerGrowsWithTheSampleAndTheEffect(Statistic statistic) {
        QuadraticEdfPower model = QuadraticEdfPower.of(statistic);
        double previous = 0;
        for (int n : new int[] {20, 50, 100, 250, 400, 2000}) {
            double power = model.power(n, 0.01, 0.08);
            assertThat(power).as("n = %d", n).isGreaterThanOrEqualTo(previous);
            previous = power;
        }
        assertThat(previous).isGreaterThan(0.99);
        previous = 0;
        for (double effect : new double[] {0.01, 0.05, 0.1, 0.2, 0.4}) {
            double power = model.power(100, 0.01, effect);
            assertThat(power).as("effect %s", effect).isGreaterThanOrEqualTo(previous);
            previous = power;
        }
        double larger = 1;
        for (int n : new int[] {20, 100, 250, 1000, 5000}) {
            double detectable = model.detectableEffect(n, 0.01, 0.8);
            assertThat(detectable).as("n = %d", n).isLessThan(larger);
            assertThat(model.power(n, 0.01, detectable)).isGreaterThanOrEqualTo(0.8);
            larger = detectable;
        }
    }

    /**
     * Anderson–Darling and Cramér–von Mises detect a location shift with a smaller KS distance than
     * Kolmogorov–Smirnov (Stephens 1974, section 7), and AD detects it at least as well as CvM up to the
     * Monte-Carlo error.
     */
    @Test
    void theQuadraticStatisticsDetectAShiftBeforeKolmogorovSmirnov() {
        double ks = KolmogorovSmirnovPower.withDefaults().detectableEffect(200, 0.01, 0.8);
        double ad = QuadraticEdfPower.of(Statistic.ANDERSON_DARLING).detectableEffect(200, 0.01, 0.8);
        double cvm = QuadraticEdfPower.of(Statistic.CRAMER_VON_MISES).detectableEffect(200, 0.01, 0.8);
        assertThat(ad).isLessThan(0.95 * ks);
        assertThat(cvm).isLessThan(0.97 * ks);
        assertThat(ad).isLessThan(1.03 * cvm);
    }

    @ParameterizedTest
    @EnumSource(Statistic.class)
    void requiredSamplesReachTheirPower(Statistic statistic) {
        QuadraticEdfPower model = QuadraticEdfPower.of(statistic);
        long small = model.requiredSamples(0.05, 0.2, 0.8);
        assertThat(small).isBetween(2L, (long) QuadraticEdfPower.SIMULATED_N_LIMIT);
        assertThat(model.power((int) small, 0.05, 0.2)).isGreaterThanOrEqualTo(0.8);
        assertThat(model.power((int) small - 1, 0.05, 0.2)).isLessThan(0.8);
        long large = model.requiredSamples(0.01, 0.03, 0.8);
        assertThat(large).isGreaterThan(QuadraticEdfPower.SIMULATED_N_LIMIT);
        assertThat(model.power((int) large, 0.01, 0.03)).isGreaterThanOrEqualTo(0.8);
        assertThat(model.power((int) large - 50, 0.01, 0.03)).isLessThan(0.8);
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedNearlyThem() {
        QuadraticEdfPower one = QuadraticEdfPower.of(Statistic.CRAMER_VON_MISES).withSeed(11).withReplicates(200);
        QuadraticEdfPower same = QuadraticEdfPower.of(Statistic.CRAMER_VON_MISES).withReplicates(200).withSeed(11);
        QuadraticEdfPower other = one.withSeed(12);
        assertThat(same.detectableEffect(80, 0.01, 0.8)).isEqualTo(one.detectableEffect(80, 0.01, 0.8));
        assertThat(same.power(80, 0.01, 0.15)).isEqualTo(one.power(80, 0.01, 0.15));
        assertThat(other.detectableEffect(80, 0.01, 0.8)).isNotEqualTo(one.detectableEffect(80, 0.01, 0.8))
                .isCloseTo(one.detectableEffect(80, 0.01, 0.8), within(0.02));
        assertThat(one.replicates()).isEqualTo(200);
        assertThat(one.unit()).isEqualTo("KS distance");
    }

    @Test
    void badArgumentsAreRefused() {
        QuadraticEdfPower model = QuadraticEdfPower.of(Statistic.ANDERSON_DARLING);
        assertThatThrownBy(() -> model.withReplicates(50)).isInstanceOf(InvalidInputException.class)
                .hasMessage("replicates is not at least 100: 50");
        assertThatThrownBy(() -> model.power(1, 0.05, 0.1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("n is not at least 2: 1");
        assertThatThrownBy(() -> model.power(10, 0.05, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("KS distance is not in (0, 1): 1.0");
        assertThatThrownBy(() -> model.detectableEffect(10, 1.5, 0.8)).isInstanceOf(InvalidInputException.class)
                .hasMessage("alpha is not in (0, 1): 1.5");
    }
}
