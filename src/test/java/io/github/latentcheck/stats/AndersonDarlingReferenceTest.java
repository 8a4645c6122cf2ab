package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares {@link AndersonDarling} with {@code fixtures/reference/battery_ad_*.csv}
 * ({@code make_battery_reference.py}) and {@code tails_ad_*.csv} ({@code make_tails_reference.py}).
 */
class AndersonDarlingReferenceTest {
    /**
     * Statistics: the same sum in the same order, logs from different libraries; \(A^2 = -n - S/n\)
     * cancels about n digits' worth of the sum's rounding, so the one-sample tolerance is this times n.
     */
    private static final double STATISTIC_TOLERANCE = 1e-12;
    private static final double STATISTIC_TOLERANCE_PER_N = 2e-14;
    /** p-values from the same formula as the Java code, written out in Python. */
    private static final double FORMULA_TOLERANCE = 1e-12;
    /**
     * Finite-n p-values: the limiting tail (relative error below 1e-12, see below) minus the same errfix
     * polynomial, evaluated in Python at 1 - sf; a p-value near 1 - errfix cancels a few digits, so 1e-10.
     */
    private static final double FINITE_N_TOLERANCE = 1e-10;
    /**
     * The limiting tail against mpmath's quadrature of the same branch-cut series at 40 digits: the issue's
     * target is 1e-6 relative down to p = 1e-300; the midpoint rule stops at 1e-15 relative and the
     * logarithm of p = 1e-297 carries about 700 ulp of absolute error in ln p, so 1e-11 relative.
     */
    private static final double TAIL_TOLERANCE = 1e-11;
    /** The limiting CDF against Anderson and Darling's 1954 series (mpmath): absolute, p computed to 1e-15. */
    private static final double LIMIT_TOLERANCE = 1e-13;
    /** Monte Carlo comparisons: this many standard errors. */
    private static final double MC_STANDARD_ERRORS = 4;

    @Test
    void oneSampleAgreesWithReference(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_ad_one_sample.csv");
        assertThat(rows).hasSize(45);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.batteryInput(row.text("input"));
            TestResult t = AndersonDarling.oneSample(x, ReferenceData.distribution(row.text("dist")));
            String cas = row.text("case") + " " + row.text("dist");
            int n = row.integer("n");
            agreement.check("ad1 statistic", cas, t.statistic(), row.number("statistic"),
                    STATISTIC_TOLERANCE_PER_N * n, 0);
            assertThat(t.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        }
        agreement.verify(reporter);
    }

    @Test
    void finiteNPValueAgreesWithTheLimitAndErrfix(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_ad_one_sample.csv");
        assertThat(rows).hasSize(60);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            int n = row.integer("n");
            double z = row.number("statistic");
            agreement.checkLog("ad1 ln p", row.text("case") + " n=" + n + " z=" + z, AndersonDarling.logPValue(n, z),
                    row.number("log_p"), FINITE_N_TOLERANCE);
        }
        agreement.verify(reporter);
    }

    /** Issue 14: A² = 12, 15, 25 gave 1.95e-8, 2.6e-20 and 0 against the limits 1.71e-6, 7.6e-8, 2.7e-12. */
    @Test
    void limitingTailHasRelativeAccuracyDownTo1e300(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_ad_limit.csv");
        assertThat(rows).hasSize(20);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double z = row.number("z");
            agreement.checkLog("ADinf upper tail", "z=" + z, SmirnovTail.ANDERSON_DARLING.logSurvival(z),
                    row.number("log_sf"), TAIL_TOLERANCE);
            if (row.number("sf") > 0) {
                agreement.check("ADinf upper tail as a double", "z=" + z, AndersonDarling.limitingDistribution(z)[1],
                        row.number("sf"), TAIL_TOLERANCE, 0);
            }
        }
        agreement.verify(reporter);
    }

    @Test
    void limitingDistributionAgreesWithTheSeries(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_ad_limit.csv");
        assertThat(rows).hasSize(13);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double z = row.number("z");
            agreement.check("ADinf against the 1954 series (absolute)", "z=" + z,
                    AndersonDarling.limitingDistribution(z)[0], row.number("cdf"), LIMIT_TOLERANCE, 1);
        }
        agreement.verify(reporter);
    }

    @Test
    void finiteNDistributionAgreesWithMonteCarlo(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_ad_monte_carlo.csv");
        assertThat(rows).hasSize(40);
        List<String> failures = new ArrayList<>();
        double worst = 0;
        for (ReferenceData.Row row : rows) {
            int n = row.integer("n");
            double z = row.number("z");
            double cdf = 1 - AndersonDarling.pValue(n, z);
            double errors = Math.abs(cdf - row.number("cdf")) / row.number("se");
            worst = Math.max(worst, errors);
            if (!(errors <= MC_STANDARD_ERRORS)) {
                failures.add(String.format("n=%d z=%s: AD_n = %s, Monte Carlo %s, %.2f standard errors", n, z, cdf,
                        row.number("cdf"), errors));
            }
        }
        reporter.publishEntry("largest distance in Monte Carlo standard errors (" + rows.size() + " cases)",
                String.format("%.2f", worst));
        assertThat(failures).isEmpty();
    }

    @Test
    void normalityAgreesWithReference(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_ad_normal.csv");
        assertThat(rows).hasSize(30);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.batteryInput(row.text("input"));
            TestResult t = AndersonDarling.normality(x);
            agreement.check("ad-normal statistic", row.text("case"), t.statistic(), row.number("statistic"),
                    STATISTIC_TOLERANCE_PER_N * x.length, 0);
            agreement.check("ad-normal p at the reference statistic", row.text("case"),
                    AndersonDarling.normalityPValue(row.number("modified")), row.number("pvalue"), FORMULA_TOLERANCE, 0);
        }
        agreement.verify(reporter);
    }

    @Test
    void kSampleAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_ad_k_sample.csv");
        assertThat(rows).hasSize(24);
        Agreement agreement = new Agreement();
        List<String> failures = new ArrayList<>();
        double worst = 0;
        for (ReferenceData.Row row : rows) {
            List<double[]> samples = new ArrayList<>();
            for (String name : row.text("inputs").split(";")) {
                samples.add(ReferenceData.batteryInput(name));
            }
            int b = row.integer("permutations");
            TestResult t = AndersonDarling.kSample(samples, Permutations.of(b, 77L).withThreads(2));
            agreement.check("ad-k statistic (floor 1)", row.text("case"), t.statistic(), row.number("statistic"),
                    STATISTIC_TOLERANCE, 1);
            assertThat(t.method()).isEqualTo(PValueMethod.PERMUTATION);
            double expected = row.number("pvalue");
            double se = Math.sqrt(2 * Math.max(expected * (1 - expected), 1.0 / b) / b);
            double errors = Math.abs(t.pValue() - expected) / se;
            worst = Math.max(worst, errors);
            if (!(errors <= MC_STANDARD_ERRORS)) {
                failures.add(String.format("%s: p = %s, scipy %s, %.2f standard errors", row.text("case"),
                        t.pValue(), expected, errors));
            }
        }
        reporter.publishEntry("ad-k p: largest distance in standard errors", String.format("%.2f", worst));
        agreement.verify(reporter);
        assertThat(failures).isEmpty();
    }

    @Test
    void permutationPValueIsReproducibleAndIndependentOfThreads() {
        List<double[]> samples = List.of(new double[] {0.1, 0.5, 0.9, 1.4, -0.3}, new double[] {0.2, 2.5, 3.1, 1.9});
        double one = AndersonDarling.kSample(samples, Permutations.of(500, 5L)).pValue();
        double four = AndersonDarling.kSample(samples, Permutations.of(500, 5L).withThreads(4)).pValue();
        assertThat(four).isEqualTo(one);
        assertThat(one * 501).isEqualTo(Math.rint(one * 501));
    }

    @Test
    void extremeStatisticsGiveZeroOrTinyPValues() {
        double[] far = {50, 51, 52, 53};
        TestResult t = AndersonDarling.oneSample(far, NormalDistribution.of(0, 1));
        assertThat(t.statistic()).isInfinite();
        assertThat(t.pValue()).isZero();
        assertThat(AndersonDarling.pValue(100, 8)).isBetween(1e-5, 1e-3);
        assertThat(AndersonDarling.pValue(10, 0)).isEqualTo(1);
        for (int n : new int[] {5, 20, 1000}) {
            double previous = 0;
            for (double z = 0.01; z < 2000; z *= 1.05) {
                double logP = AndersonDarling.logPValue(n, z);
                assertThat(logP).as("ln p at n=%d z=%s", n, z).isLessThanOrEqualTo(previous).isFinite();
                previous = logP;
            }
        }
        double[] tail = new double[50];
        Arrays.setAll(tail, i -> 8 + i * 0.01);
        TestResult underflow = AndersonDarling.oneSample(tail, NormalDistribution.of(0, 1));
        assertThat(underflow.pValue()).isZero();
        assertThat(underflow.logPValue()).isFinite().isLessThan(-745);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> AndersonDarling.normality(new double[7])).isInstanceOf(InvalidInputException.class)
                .hasMessage("sample size is not at least 8: 7");
        double[] flat = new double[8];
        Arrays.fill(flat, 2.0);
        assertThatThrownBy(() -> AndersonDarling.normality(flat))
                .hasMessage("sample variance is not strictly positive: 0.0");
        assertThatThrownBy(() -> AndersonDarling.kSample(List.of(new double[] {1, 2, 3}), Permutations.of(9, 1)))
                .hasMessage("number of samples is not at least 2: 1");
        assertThatThrownBy(() -> AndersonDarling.kSample(List.of(new double[] {1, 1}, new double[] {1, 1}),
                Permutations.of(9, 1))).hasMessage("the pooled samples hold only one distinct value: 1.0");
        assertThatThrownBy(() -> Permutations.of(0, 1)).hasMessage("permutations is not at least 1: 0");
    }
}
