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
     * p-values: both compute \(1 - F_n(W^2)\) from the same truncated series (Bessel functions from
     * different algorithms), so they agree in absolute terms; the floor makes the tolerance absolute
     * (1e-14) below p = 1e-4, where scipy's p-value is itself only accurate to about 1e-7.
     */
    private static final double P_TOLERANCE = 1e-10;
    private static final double P_FLOOR = 1e-4;

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
            agreement.check("cvm1 p (floor 1e-4)", cas, t.pValue(), row.number("pvalue"), P_TOLERANCE, P_FLOOR);
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
            agreement.check("cvm2 p " + kind + " (floor 1e-4)", cas, t.pValue(), row.number("pvalue"),
                    P_TOLERANCE, P_FLOOR);
        }
        agreement.verify(reporter);
    }

    /** 0.46136 is the limiting 95 % point of W² (Anderson &amp; Darling 1952, Table 1). */
    @Test
    void pValueIsOneAndZeroOutsideTheSupport() {
        assertThat(CramerVonMises.cdf(1 / 1200.0, 100)).isZero();
        assertThat(CramerVonMises.cdf(40, 100)).isEqualTo(1);
        assertThat(CramerVonMises.limitingCdf(0.46136)).isCloseTo(0.95, within(1e-4));
    }
}
