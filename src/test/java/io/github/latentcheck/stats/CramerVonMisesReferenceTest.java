package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares {@link CramerVonMises} with {@code fixtures/reference/battery_cvm_one_sample.csv}
 * ({@code scipy.stats.cramervonmises}, via {@code make_battery_reference.py}).
 */
class CramerVonMisesReferenceTest {
    /** The same sum of n squares in the same order; CDFs from different libraries. */
    private static final double STATISTIC_TOLERANCE = 1e-12;
    /**
     * p-values against scipy: scipy sums the limiting distribution's Bessel series until a term is below
     * 1e-7, ours is Smirnov's series with relative error below 1e-12, so they agree only to scipy's
     * truncation, at most about 1e-7 (measured 3.7e-9 one-sample, 1.3e-9 two-sample asymptotic): the floor
     * of 1 makes the tolerance absolute.
     */
    private static final double P_TOLERANCE = 2e-7;
    private static final double P_FLOOR = 1;
    /** Exact conditional p-values against enumeration: the same count in doubles, a few ulp. */
    private static final double EXACT_TOLERANCE = 1e-13;
    /**
     * The limiting tail against mpmath's quadrature of Smirnov's series at 40 digits: the midpoint rule
     * stops at 1e-15 relative, ln p near -700 carries about 700 ulp of absolute error, so 1e-11 relative.
     */
    private static final double TAIL_TOLERANCE = 1e-11;

    @Test
    void oneSampleAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_cvm_one_sample.csv");
        assertThat(rows).hasSize(45);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.batteryInput(row.text("input"));
            TestResult t = CramerVonMises.oneSample(x, ReferenceData.distribution(row.text("dist")));
            String cas = row.text("case") + " " + row.text("dist");
            agreement.check("cvm1 statistic", cas, t.statistic(), row.number("statistic"), STATISTIC_TOLERANCE, 0);
            agreement.check("cvm1 p (absolute)", cas, t.pValue(), row.number("pvalue"), P_TOLERANCE, P_FLOOR);
            assertThat(t.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        }
        agreement.verify(reporter);
    }

    @Test
    void twoSampleAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_cvm_two_sample.csv");
        assertThat(rows).hasSize(104);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.batteryInput(row.text("x"));
            double[] y = ReferenceData.batteryInput(row.text("y"));
            PValueChoice method = PValueChoice.valueOf(row.text("method"));
            TestResult t = CramerVonMises.twoSample(x, y, method);
            String cas = row.text("case") + " " + method + " n=" + x.length + " m=" + y.length;
            String kind = t.method() == PValueMethod.EXACT ? "exact" : "asymptotic";
            agreement.check("cvm2 statistic", cas, t.statistic(), row.number("statistic"), STATISTIC_TOLERANCE, 0);
            if (t.method() == PValueMethod.EXACT && row.text("case").endsWith("ties")) {
                continue;
            }
            agreement.check("cvm2 p " + kind + " (absolute)", cas, t.pValue(), row.number("pvalue"),
                    kind.equals("exact") ? EXACT_TOLERANCE : P_TOLERANCE, P_FLOOR);
        }
        agreement.verify(reporter);
    }

    /**
     * Issue 14: with ties scipy's "exact" p-value is that of untied data (5 + 5 values with 6 distinct: 0.142857);
     * ours is conditional on the ties, as full enumeration of all labellings gives (0.158730).
     */
    @Test
    void exactTwoSamplePValueIsConditionalOnTheTies(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_cvm2_ties.csv");
        assertThat(rows).hasSize(16);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.values(row.text("x"));
            double[] y = ReferenceData.values(row.text("y"));
            TestResult t = CramerVonMises.twoSample(x, y, PValueChoice.EXACT);
            String cas = row.text("case") + " (" + row.text("how") + ")";
            agreement.check("cvm2 statistic", cas, t.statistic(), row.number("statistic"), STATISTIC_TOLERANCE, 0);
            agreement.check("cvm2 exact p under ties", cas, t.pValue(), row.number("pvalue"), EXACT_TOLERANCE, 0);
            assertThat(t.method()).isEqualTo(PValueMethod.EXACT);
        }
        agreement.verify(reporter);
        ReferenceData.Row issue = rows.get(0);
        assertThat(issue.number("pvalue")).isCloseTo(0.158730, within(1e-6));
        assertThat(issue.number("scipy_untied")).isCloseTo(0.142857, within(1e-6));
    }

    /** Issue 14: p(W² = 7) was 1.9e-10 > p(W² = 6) = 7.6e-12 (rounding noise); the limits are 1.3e-16, 2.0e-14. */
    @Test
    void limitingTailHasRelativeAccuracyDownTo1e300(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_cvm_limit.csv");
        assertThat(rows).hasSize(21);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double w = row.number("w");
            agreement.checkLog("W2 limiting upper tail", "w=" + w, SmirnovTail.CRAMER_VON_MISES.logSurvival(w),
                    row.number("log_sf"), TAIL_TOLERANCE);
        }
        agreement.verify(reporter);
    }

    /**
     * In the far tail the finite-n p-value is the limiting tail times a factor held where the limit is 1e-5:
     * the same ratio at every statistic beyond (within 1e-9, rounding), about 1 - 15/n at n = 1000; ln p is
     * decreasing (up to 1e-12, rounding near p = 1) and finite.
     */
    @Test
    void oneSampleFarTailIsMonotoneAndFollowsTheLimit() {
        for (int n : new int[] {10, 100, 1000}) {
            double previous = 0;
            for (double w = 0.001; w < n / 3.0; w *= 1.05) {
                double logP = CramerVonMises.oneSampleLogPValue(w, n);
                assertThat(logP).as("ln p at n=%d w=%s", n, w).isLessThanOrEqualTo(previous + 1e-12).isFinite();
                previous = logP;
            }
        }
        double held = Math.exp(CramerVonMises.oneSampleLogPValue(3, 1000) - SmirnovTail.CRAMER_VON_MISES.logSurvival(3));
        assertThat(held).isCloseTo(1, within(0.02));
        for (double w : new double[] {6, 7, 20, 100}) {
            double ratio = Math.exp(CramerVonMises.oneSampleLogPValue(w, 1000) - SmirnovTail.CRAMER_VON_MISES.logSurvival(w));
            assertThat(ratio).as("p_1000 / p_inf at w=%s", w).isCloseTo(held, within(1e-9));
        }
    }

    @Test
    void pValueIsOneAndZeroOutsideTheSupport() {
        assertThat(CramerVonMises.cdf(1 / 1200.0, 100)).isZero();
        assertThat(CramerVonMises.cdf(40, 100)).isEqualTo(1);
        assertThat(CramerVonMises.oneSampleLogPValue(40, 100)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
