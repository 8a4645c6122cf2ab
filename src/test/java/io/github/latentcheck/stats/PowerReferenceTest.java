package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.power.KolmogorovSmirnovPower;
import io.github.latentcheck.power.MeanTestPower;
import io.github.latentcheck.power.ShiftedNormalRejections;
import io.github.latentcheck.power.VarianceTestPower;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The power models of {@code io.github.latentcheck.power} against scipy ({@code
 * fixtures/reference/make_power_reference.py}: {@code power_mean_ztest.csv}, {@code power_ks_critical.csv})
 * and the KS power against an independent seeded simulation of the real test.
 */
class PowerReferenceTest {
    /** Not {@link KolmogorovSmirnovPower#DEFAULT_SEED}: the check must not share the tool's random numbers. */
    private static final long SIMULATION_SEED = 7_000_001L;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /**
     * Power: the formula in both, with Commons' and scipy's normal CDF (both relatively accurate to a few
     * ulps), so 1e-12 relative (floor 1e-300; measured 5.4e-15). Detectable shift: both invert to ~1e-15,
     * so 1e-12 relative (measured 4.8e-15). Required n: the smallest integer,
     * equal (no case has power within 1e-12 of the target at the boundary).
     */
    @Test
    void meanTestPowerMatchesScipy(TestReporter reporter) {
        Agreement agreement = new Agreement();
        MeanTestPower model = MeanTestPower.of();
        List<String> wrongRequired = new ArrayList<>();
        for (ReferenceData.Row row : ReferenceData.csv("power_mean_ztest.csv")) {
            int n = row.integer("n");
            double alpha = row.number("alpha");
            double theta = row.number("theta");
            double target = row.number("target");
            String cas = row.text("case");
            agreement.check("mean power", cas, model.power(n, alpha, theta), row.number("power"), 1e-12, 1e-300);
            agreement.check("mean detectable shift", cas, model.detectableEffect(n, alpha, target),
                    row.number("detectable"), 1e-12, 0);
            long required = model.requiredSamples(alpha, theta, target);
            if (required != row.integer("required")) {
                wrongRequired.add(cas + ": " + required + " != " + row.text("required"));
            }
        }
        agreement.verify(reporter);
        assertThat(wrongRequired).isEmpty();
    }

    /**
     * The χ² variance power: the same formula with Commons' and scipy's χ² quantiles and CDF, each accurate
     * to ~1e-14 relative, so 1e-10 relative for the power (floor 1e-300) and 1e-9 for the detectable inflation
     * (the power's slope in the inflation is shallow for small n).
     */
    @Test
    void varianceTestPowerMatchesScipy(TestReporter reporter) {
        Agreement agreement = new Agreement();
        VarianceTestPower model = VarianceTestPower.of();
        for (ReferenceData.Row row : ReferenceData.csv("power_variance_chi2.csv")) {
            int n = row.integer("n");
            double alpha = row.number("alpha");
            String cas = row.text("case");
            agreement.check("variance power", cas, model.power(n, alpha, row.number("inflation")), row.number("power"),
                    1e-10, 1e-300);
            double detectable = model.detectableEffect(n, alpha, row.number("target"));
            agreement.check("variance detectable inflation", cas, detectable, row.number("detectable"), 1e-9, 0);
            assertThat(model.power((int) model.requiredSamples(alpha, detectable * 1.001, row.number("target")), alpha,
                    detectable * 1.001)).isGreaterThanOrEqualTo(row.number("target"));
        }
        agreement.verify(reporter);
    }

    /**
     * The critical value is found by bisection (to 1e-14) on the p-value of {@link KolmogorovSmirnov#oneSample};
     * the reference is the root of R's exact Marsaglia–Tsang–Wang distribution (1 − CDF, accurate to ~1e-13 at
     * these α); a p-value error ε moves the critical value by ε·p/|dp/dD|. Measured 3.7e-13 relative; 1e-9
     * leaves room for either side's rounding.
     */
    @Test
    void kolmogorovSmirnovCriticalValueMatchesExactReference(TestReporter reporter) {
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : ReferenceData.csv("power_ks_critical.csv")) {
            agreement.check("ks critical value", row.text("case"),
                    KolmogorovSmirnovPower.criticalValue(row.integer("n"), row.number("alpha")),
                    row.number("critical"), 1e-9, 0);
        }
        agreement.verify(reporter);
    }

    /**
     * The done criterion of issue #8: the KS power the tool reports (its own seeded simulation, seed
     * {@link KolmogorovSmirnovPower#DEFAULT_SEED}, 1,000 replicates) against a fresh simulation of
     * {@link KolmogorovSmirnov#oneSample} itself on N(θ, 1) data against Φ, with another seed; it rejects
     * when the p-value is below α. The two estimates must agree within 4 standard errors of their
     * difference, \(\sqrt{p(1-p)(1/R_{tool} + 1/R_{test})}\): each case fails by chance with probability
     * about 6e-5, the three together about 2e-4. The cases cover the exact p-value range (n = 30), the
     * tool's detectable effect (n = 200, expected power 0.8) and the rescaled simulation beyond 500
     * (n = 1,000). Takes about 8 s on 2 threads: the simulated test computes its exact p-value for every
     * replicate (a case at n = 2,000 would double that).
     */
    @Test
    void kolmogorovSmirnovPowerMatchesASimulationOfTheRealTest(TestReporter reporter) {
        KolmogorovSmirnovPower tool = KolmogorovSmirnovPower.withDefaults();
        double detectable = tool.detectableEffect(200, 0.05 / 3, 0.8);
        Object[][] cases = {
            {30, 0.05, 0.2, 4000},
            {200, 0.05 / 3, detectable, 4000},
            {1000, 0.01, 0.05, 2000},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            int n = (Integer) c[0];
            double alpha = (Double) c[1];
            double distance = (Double) c[2];
            int replicates = (Integer) c[3];
            double reported = tool.power(n, alpha, distance);
            double simulated = simulate(n, alpha, KolmogorovSmirnovPower.shiftOf(distance), replicates);
            double pooled = (reported * tool.replicates() + simulated * replicates) / (tool.replicates() + replicates);
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / tool.replicates() + 1.0 / replicates));
            String line = String.format(Locale.ROOT, "n = %d, alpha = %.4g, KS distance %.4g: tool %.4f, "
                    + "simulation %.4f (%d replicates), difference %.2f standard errors", n, alpha, distance, reported,
                    simulated, replicates, (reported - simulated) / se);
            reporter.publishEntry("ks power", line);
            if (!(Math.abs(reported - simulated) <= 4 * se)) {
                failures.add(line);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(tool.power(200, 0.05 / 3, detectable)).isBetween(0.8, 0.8 + 2.0 / tool.replicates());
    }

    /** The share of {@code replicates} samples of N(shift, 1) whose one-sample KS p-value against Φ is below alpha. */
    private static double simulate(int n, double alpha, double shift, int replicates) {
        return ShiftedNormalRejections.rate(SIMULATION_SEED + n, n, shift, replicates,
                x -> KolmogorovSmirnov.oneSample(x, STANDARD::cumulativeProbability).reject(alpha));
    }

    /** The required sample size reaches the demanded power, and one sample fewer (below the simulated limit) does not. */
    @Test
    void kolmogorovSmirnovRequiredSamplesReachTheirPower() {
        KolmogorovSmirnovPower tool = KolmogorovSmirnovPower.withDefaults();
        long small = tool.requiredSamples(0.05, 0.2, 0.8);
        assertThat(small).isBetween(2L, (long) KolmogorovSmirnovPower.SIMULATED_N_LIMIT);
        assertThat(tool.power((int) small, 0.05, 0.2)).isGreaterThanOrEqualTo(0.8);
        long large = tool.requiredSamples(0.01, 0.02, 0.8);
        assertThat(large).isGreaterThan(KolmogorovSmirnovPower.SIMULATED_N_LIMIT);
        assertThat(tool.power((int) large, 0.01, 0.02)).isGreaterThanOrEqualTo(0.8);
        assertThat(tool.power((int) large - 50, 0.01, 0.02)).isLessThan(0.8);
        assertThat(KolmogorovSmirnovPower.ksDistanceOf(KolmogorovSmirnovPower.shiftOf(0.05))).isCloseTo(0.05,
                org.assertj.core.data.Offset.offset(1e-15));
    }
}
