package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares {@link MomentTests} and {@link CentralMoments} with scipy and mpmath, over the cases in
 * {@code fixtures/reference/stats_moments_*.csv} and {@code stats_central_moments.csv}.
 */
class MomentTestsReferenceTest {
    /** mpmath's 50-digit moments against the closed forms and the recursion, in double. */
    private static final double MOMENT_TOLERANCE = 4e-15;
    /**
     * Statistics: both sides compute the same formula from sample moments that differ in rounding
     * (numpy's pairwise sums against two-pass sums here), by a few 1e-16 relative. Each statistic
     * multiplies that error by about \(\sqrt{n}\) (e.g. \(z = (b_2 - \beta_2)\sqrt{n / V}\)), so the
     * tolerance is {@code 5e-14 * sqrt(n)} relative to \(\max(|z|, 1)\) (absolute near 0).
     */
    private static final double STATISTIC_TOLERANCE_PER_ROOT_N = 5e-14;
    private static final double STATISTIC_FLOOR = 1;
    /**
     * p-values: \(d \ln p / dz \approx -|z|\), so a statistic error \(\epsilon\) moves p by about
     * \(|z| \epsilon\) relative: the tolerance is {@code 5e-14 * sqrt(n) * max(1, |z|)}, with \(z\) the
     * normal equivalent \((T - (n-1))/\sqrt{2(n-1)}\) for the \(\chi^2\) statistic \(T\).
     */
    private static final double P_TOLERANCE_PER_ROOT_N = 5e-14;
    /** scipy's normal tail underflows to 0 beyond z = 38.3; Java reports the subnormal value. */
    private static final double SCIPY_UNDERFLOW = 1e-300;

    @Test
    void centralMomentsAgreeWithMpmath(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_central_moments.csv");
        assertThat(rows).hasSize(18);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            String spec = row.text("dist");
            CentralMoments m = ReferenceData.moments(spec);
            String kind = spec.substring(0, spec.indexOf('('));
            agreement.check(kind + " mean", spec, m.mean(), row.number("mean"), MOMENT_TOLERANCE, 1);
            agreement.check(kind + " mu2", spec, m.mu2(), row.number("mu2"), MOMENT_TOLERANCE, 0);
            agreement.check(kind + " mu4", spec, m.mu4(), row.number("mu4"), MOMENT_TOLERANCE, 0);
            agreement.check(kind + " mu6", spec, m.mu6(), row.number("mu6"), MOMENT_TOLERANCE, 0);
            agreement.check(kind + " mu8", spec, m.mu8(), row.number("mu8"), MOMENT_TOLERANCE, 0);
        }
        agreement.verify(reporter);
    }

    @Test
    void gaussianReferenceTestsAgreeWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_moments_gaussian.csv");
        assertThat(rows).hasSize(60);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.input(row.text("input"), 0);
            CentralMoments ref = CentralMoments.gaussian(row.number("ref_mean"), row.number("ref_sd"));
            TestResult r = run(row.text("test"), x, ref);
            assertThat(r.name()).isEqualTo(row.text("test"));
            check(agreement, row, r);
        }
        agreement.verify(reporter);
    }

    @Test
    void deltaMethodTestsAgreeWithTheFormulas(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_moments_delta.csv");
        assertThat(rows).hasSize(192);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.input(row.text("input"), row.number("shift"));
            TestResult r = run(row.text("test"), x, ReferenceData.moments(row.text("dist")));
            assertThat(r.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
            check(agreement, row, r);
        }
        agreement.verify(reporter);
    }

    private static void check(Agreement agreement, ReferenceData.Row row, TestResult r) {
        String test = row.text("test");
        String cas = row.text("case") + " " + test;
        double rootN = Math.sqrt(row.integer("n"));
        double z = row.number("statistic");
        agreement.check(test + " statistic", cas, r.statistic(), z, STATISTIC_TOLERANCE_PER_ROOT_N * rootN,
                STATISTIC_FLOOR);
        double n1 = row.integer("n") - 1.0;
        double normalZ = "variance".equals(test) && r.method() == PValueMethod.EXACT ? (z - n1) / Math.sqrt(2 * n1) : z;
        double expectedP = row.number("pvalue");
        if (expectedP == 0) {
            assertThat(r.pValue()).as(cas + ": scipy underflows to 0").isLessThan(SCIPY_UNDERFLOW);
            return;
        }
        agreement.check(test + " p", cas, r.pValue(), expectedP,
                P_TOLERANCE_PER_ROOT_N * rootN * Math.max(1, Math.abs(normalZ)), 0);
    }

    private static TestResult run(String test, double[] x, CentralMoments ref) {
        switch (test) {
            case "mean":
                return MomentTests.mean(x, ref);
            case "variance":
                return MomentTests.variance(x, ref);
            case "skewness":
                return MomentTests.skewness(x, ref);
            case "kurtosis":
                return MomentTests.kurtosis(x, ref);
            default:
                throw new IllegalArgumentException(test);
        }
    }
}
