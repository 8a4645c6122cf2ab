package io.github.latentcheck.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;
import io.github.latentcheck.internal.concurrent.Tasks;
import io.github.latentcheck.power.DistanceTestPower.Statistic;
import io.github.latentcheck.stats.Permutations;
import io.github.latentcheck.stats.TestResult;
import io.github.latentcheck.stats.TwoSampleDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MMD and energy power models: their power against seeded simulations of the real permutation tests
 * ({@link TwoSampleDistance#mmd}, {@link TwoSampleDistance#energy}) on shifted Gaussian rows, their reduced
 * statistics against the tests' own, and the properties a power model must have.
 */
class DistanceTestPowerTest {
    /** Not {@link SimulatedShiftPower#DEFAULT_SEED}: the check must not share the model's random numbers. */
    private static final long SIMULATION_SEED = 9_000_011L;
    private static final int DIMENSION = 64;
    private static final int PERMUTATIONS = 99;
    private static final double ALPHA = 0.05;

    /**
     * The model's power (500 replicates) against a simulation of the real test, B = 99 permutations at
     * \(\alpha = 0.05\), d = 64, on rows of \(N(\theta e_1, I)\) against \(N(0, I)\) with another seed: within 4
     * standard errors of their difference, \(\sqrt{p(1-p)(1/R_{model} + 1/R_{test})}\) (the error of the model's
     * null tail, from 499 statistics, is left out). The cases: 200 rows a side (effective n = 100, simulated by the
     * model at its limit 24 with the shift rescaled by \(\sqrt{100/24}\)) at the model's detectable shift (power 0.8
     * by construction); 100 rows a side (effective n = 50, rescaled too) at half the model's detectable shift there;
     * and 12 rows a side (effective n = 6, simulated as it is, through the Bartlett rows as d - 1 &gt; 24) at the
     * model's detectable shift there.
     */
    @ParameterizedTest
    @EnumSource(Statistic.class)
    void powerMatchesASimulationOfTheRealTest(Statistic statistic, TestReporter reporter) {
        DistanceTestPower model = DistanceTestPower.of(statistic, DIMENSION, PERMUTATIONS);
        Object[][] cases = {
            {200, model.detectableEffect(100, ALPHA, 0.8), 300},
            {100, model.detectableEffect(50, ALPHA, 0.8) / 2, 200},
            {12, model.detectableEffect(6, ALPHA, 0.8), 400},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            int rows = (Integer) c[0];
            double shift = (Double) c[1];
            int replicates = (Integer) c[2];
            double reported = model.power(rows / 2, ALPHA, shift);
            double simulated = simulate(statistic, rows, shift, replicates);
            double pooled = (reported * model.replicates() + simulated * replicates) / (model.replicates() + replicates);
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / model.replicates() + 1.0 / replicates));
            String line = String.format(Locale.ROOT, "%s %d rows a side, d = %d, B = %d, alpha = %s, shift %.4f: "
                    + "model %.4f, real test %.4f (%d replicates), difference %.2f standard errors (se %.4f)",
                    statistic.shortName(), rows, DIMENSION, PERMUTATIONS, ALPHA, shift, reported, simulated,
                    replicates, (reported - simulated) / se, se);
            reporter.publishEntry("distance test power", line);
            if (!(Math.abs(reported - simulated) <= 4 * se)) {
                failures.add(line);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The share of replicates the real test rejects at {@link #ALPHA}: one jumped stream and one permutation seed each. */
    private static double simulate(Statistic statistic, int rows, double shift, int replicates) {
        List<UniformRandomProvider> streams = Tasks.streams(SIMULATION_SEED + 1000L * statistic.ordinal() + rows,
                replicates);
        int[] rejected = new int[replicates];
        Tasks.run(replicates, Tasks.defaultThreads(), r -> {
            ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(streams.get(r));
            double[] x = new double[rows * DIMENSION];
            double[] y = new double[rows * DIMENSION];
            for (int i = 0; i < x.length; i++) {
                x[i] = gaussian.sample() + (i % DIMENSION == 0 ? shift : 0);
                y[i] = gaussian.sample();
            }
            Permutations permutations = Permutations.of(PERMUTATIONS, SIMULATION_SEED + r);
            TestResult t = statistic == Statistic.MMD ? TwoSampleDistance.mmd(x, y, DIMENSION, permutations)
                    : TwoSampleDistance.energy(x, y, DIMENSION, permutations);
            rejected[r] = t.reject(ALPHA) ? 1 : 0;
        });
        return (double) IntStream.of(rejected).sum() / replicates;
    }

    /**
     * A replicate's reduced statistic is the test's: the energy statistic at any shift, the MMD² at shift 0 (at
     * other shifts the model holds the unshifted bandwidth, which the test recomputes).
     */
    @Test
    void theReducedStatisticsAreTheTests() {
        UniformRandomProvider rng = Tasks.streams(SIMULATION_SEED, 1).get(0);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = 5;
        int rows = 30;
        double shift = 0.7;
        double[] x = new double[rows * d];
        double[] y = new double[rows * d];
        double[] shifted = new double[rows * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = gaussian.sample();
            y[i] = gaussian.sample();
            shifted[i] = x[i] + (i % d == 0 ? shift : 0);
        }
        Permutations one = Permutations.of(1, 1);
        double energy = TwoSampleDistance.energy(shifted, y, d, one).statistic();
        assertThat(DistanceTestPower.statistic(Statistic.ENERGY, x, y, d, shift)).isCloseTo(energy,
                within(1e-12 * Math.abs(energy)));
        double mmd = TwoSampleDistance.mmd(x, y, d, one).statistic();
        assertThat(DistanceTestPower.statistic(Statistic.MMD, x, y, d, 0)).isCloseTo(mmd, within(1e-12 * Math.abs(mmd)));
    }

    /**
     * Beyond d - 1 = N the rows are the Bartlett factor of their Gram matrix: each squared norm is \(\chi^2_d\)
     * (mean d, variance 2d) and each inner product of two rows has mean 0 and variance d, for the first row and the
     * last as for every other; checked on 400 draws of N = 20 rows at d = 300, within 5 standard errors.
     */
    @Test
    void theBartlettRowsHaveTheGramMatrixOfGaussianRows() {
        int d = 300;
        int total = 20;
        int draws = 400;
        assertThat(DistanceTestPower.columnsOf(total, d)).isEqualTo(21);
        assertThat(DistanceTestPower.columnsOf(total, 21)).isEqualTo(21);
        assertThat(DistanceTestPower.columnsOf(total, 22)).isEqualTo(21);
        UniformRandomProvider rng = Tasks.streams(SIMULATION_SEED, 1).get(0);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        int columns = DistanceTestPower.columnsOf(total, d);
        double[][] norms = new double[2][draws];
        double[][] products = new double[2][draws];
        for (int r = 0; r < draws; r++) {
            double[] z = DistanceTestPower.pooledRows(rng, gaussian, total, d);
            int[][] pairs = {{0, 0}, {total - 1, total - 1}, {0, total - 1}, {7, 12}};
            for (int p = 0; p < pairs.length; p++) {
                double dot = 0;
                for (int c = 0; c < columns; c++) {
                    dot += z[pairs[p][0] * columns + c] * z[pairs[p][1] * columns + c];
                }
                (p < 2 ? norms : products)[p % 2][r] = dot;
            }
        }
        for (int k = 0; k < 2; k++) {
            assertMoments(norms[k], d, 2.0 * d);
            assertMoments(products[k], 0, d);
        }
    }

    private static void assertMoments(double[] values, double mean, double variance) {
        double sum = 0;
        double squares = 0;
        for (double v : values) {
            sum += v;
            squares += (v - mean) * (v - mean);
        }
        int n = values.length;
        assertThat(sum / n).isCloseTo(mean, within(5 * Math.sqrt(variance / n)));
        // The variance of a squared deviation is at most about 2 variance^2 here (chi-square and Gaussian products).
        assertThat(squares / n).isCloseTo(variance, within(5 * variance * Math.sqrt(3.0 / n)));
    }

    @ParameterizedTest
    @EnumSource(Statistic.class)
    void powerGrowsWithTheSampleAndTheEffect(Statistic statistic) {
        DistanceTestPower model = DistanceTestPower.of(statistic, 8, 999);
        double previous = 0;
        for (int n : new int[] {4, 10, 24, 50, 200, 1000}) {
            double power = model.power(n, 0.05, 0.4);
            assertThat(power).as("n = %d", n).isGreaterThanOrEqualTo(previous);
            previous = power;
        }
        assertThat(previous).isGreaterThan(0.99);
        previous = 0;
        for (double effect : new double[] {0.05, 0.2, 0.4, 0.8, 1.6}) {
            double power = model.power(50, 0.05, effect);
            assertThat(power).as("effect %s", effect).isGreaterThanOrEqualTo(previous);
            previous = power;
        }
        double larger = Double.POSITIVE_INFINITY;
        for (int n : new int[] {4, 10, 24, 100, 1000}) {
            double detectable = model.detectableEffect(n, 0.05, 0.8);
            assertThat(detectable).as("n = %d", n).isLessThan(larger);
            assertThat(model.power(n, 0.05, detectable)).isGreaterThanOrEqualTo(0.8);
            larger = detectable;
        }
    }

    @ParameterizedTest
    @EnumSource(Statistic.class)
    void requiredSamplesReachTheirPowerAndOneFewerDoesNot(Statistic statistic) {
        DistanceTestPower model = DistanceTestPower.of(statistic, 8, 999);
        long small = model.requiredSamples(0.05, 1.2, 0.8);
        assertThat(small).isBetween(2L, (long) DistanceTestPower.SIMULATED_N_LIMIT);
        assertThat(model.power((int) small, 0.05, 1.2)).isGreaterThanOrEqualTo(0.8);
        assertThat(model.power((int) small - 1, 0.05, 1.2)).isLessThan(0.8);
        long large = model.requiredSamples(0.01, 0.1, 0.8);
        assertThat(large).isGreaterThan(DistanceTestPower.SIMULATED_N_LIMIT);
        assertThat(model.power((int) large, 0.01, 0.1)).isGreaterThanOrEqualTo(0.8);
        assertThat(model.power((int) large - 1, 0.01, 0.1)).isLessThan(0.8);
    }

    /** A fresh simulation with the same seed is bit-identical (the models share a cache, so this bypasses it). */
    @Test
    void theSameSeedGivesTheSameNumbersAndAnotherSeedNearlyThem() {
        DistanceTestPower one = DistanceTestPower.of(Statistic.MMD, 16, 199).withSeed(11).withReplicates(200);
        DistanceTestPower other = one.withSeed(12);
        SimulatedShiftPower.Simulation first = one.simulateAfresh(20, 0.05);
        SimulatedShiftPower.Simulation again = one.simulateAfresh(20, 0.05);
        assertThat(again.detectableShift(0.8)).isEqualTo(first.detectableShift(0.8));
        assertThat(again.power(0.6)).isEqualTo(first.power(0.6));
        assertThat(other.simulateAfresh(20, 0.05).detectableShift(0.8)).isNotEqualTo(first.detectableShift(0.8))
                .isCloseTo(first.detectableShift(0.8), within(0.15));
        assertThat(one.replicates()).isEqualTo(200);
        assertThat(one.dimension()).isEqualTo(16);
        assertThat(one.permutations()).isEqualTo(199);
        assertThat(one.unit()).isEqualTo("mean shift (in sd)");
    }

    /**
     * With B = 19 the permutation p-value is at least 1/20 = 0.05, never below alpha = 0.05: the test cannot
     * reject, so the power is 0 and no shift is detectable; at alpha = 0.051 it can.
     */
    @Test
    void aLevelAtThePermutationFloorHasNoPower() {
        DistanceTestPower model = DistanceTestPower.of(Statistic.ENERGY, 4, 19);
        assertThat(model.power(100, 0.05, 3)).isZero();
        assertThat(model.detectableEffect(100, 0.05, 0.8)).isInfinite();
        assertThat(model.power(100, 0.051, 3)).isGreaterThan(0.8);
        assertThat(model.detectableEffect(100, 0.051, 0.5)).isFinite();
        assertThat(Permutations.largestRejectingCount(19, 0.05)).isEqualTo(-1);
        assertThat(Permutations.largestRejectingCount(99, 0.05)).isEqualTo(3);
        assertThat(Permutations.largestRejectingCount(999, 0.05)).isEqualTo(48);
        assertThat(Permutations.largestRejectingCount(999, 0.001)).isEqualTo(-1);
        assertThat(Permutations.fewestPermutationsBelow(0.05)).isEqualTo(20);
        assertThat(Permutations.fewestPermutationsBelow(0.001)).isEqualTo(1000);
        assertThat(Permutations.fewestPermutationsBelow(0.9)).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> DistanceTestPower.of(Statistic.MMD, 0, 99)).isInstanceOf(InvalidInputException.class)
                .hasMessage("dimension is not at least 1: 0");
        assertThatThrownBy(() -> DistanceTestPower.of(Statistic.MMD, 2, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("permutations is not at least 1: 0");
        DistanceTestPower model = DistanceTestPower.of(Statistic.ENERGY, 2, 99);
        assertThatThrownBy(() -> model.withReplicates(50)).isInstanceOf(InvalidInputException.class)
                .hasMessage("replicates is not at least 100: 50");
        assertThatThrownBy(() -> model.power(1, 0.05, 0.1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("n is not at least 2: 1");
        assertThatThrownBy(() -> model.power(10, 0.05, -1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("effect is not strictly positive and finite: -1.0");
    }
}
