package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Logarithms of p-values where the p-values underflow: {@link LogTails}, the exact two-sample KS test and
 * the Jarque–Bera and D'Agostino–Pearson tests, against {@code fixtures/reference/tails_log.csv},
 * {@code tails_ks2_log.csv} and {@code tails_moments_omnibus.csv} ({@code make_tails_reference.py}).
 */
class LogPValueReferenceTest {
    /**
     * mpmath at 40 digits against double: \(\ln p\) of size up to 5e5 carries its own rounding of about
     * 1e-16 relative, i.e. up to 5e-11 absolute, which is the relative error of p; 1e-10 allows for that.
     */
    private static final double LOG_TAIL_TOLERANCE = 1e-10;
    /**
     * The exact KS recursion in logarithms: 6000 anti-diagonals, each step a log1p of rounded
     * logarithms; measured 9e-13 relative of p, one ulp of ln p = -4153.6 (the rounding of the result itself); 1e-9.
     */
    private static final double KS_LOG_TOLERANCE = 1e-9;
    /**
     * Omnibus statistics: the same formulas from sample moments that differ in rounding from numpy's
     * (pairwise sums); statistics up to 1e6 (the outlier case), so 1e-11 relative; the log p-values are
     * -statistic/2 on both sides, so the same relative tolerance applied to ln p.
     */
    private static final double OMNIBUS_TOLERANCE = 1e-11;
    /**
     * The p-values themselves, e^{-JB/2}: a relative error ε of JB moves p by JB/2 · ε relative, JB up to
     * about 1e3 outside the outlier case (whose p underflows in both), so 1e-9.
     */
    private static final double OMNIBUS_P_TOLERANCE = 1e-9;

    @Test
    void logTailsAgreeWithMpmath(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_log.csv");
        assertThat(rows).hasSize(32);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            String cas = row.text("case");
            double x = row.number("x");
            double actual;
            if (cas.equals("normal-two-sided")) {
                actual = LogTails.normalTwoSided(x);
            } else if (cas.equals("student-two-sided")) {
                actual = LogTails.studentTwoSided(x, row.number("df"));
            } else if (cas.equals("chi2-sf")) {
                actual = LogTails.chiSquareSurvival(row.number("df"), x);
            } else {
                double p = Double.parseDouble(cas.substring(cas.lastIndexOf('-') + 1));
                actual = LogTails.binomialCdf(row.integer("df"), (int) x, p);
            }
            agreement.checkLog(cas, cas + " df=" + row.text("df") + " x=" + x, actual, row.number("log_p"),
                    LOG_TAIL_TOLERANCE);
        }
        agreement.verify(reporter);
    }

    /** Issue 14: 3000 against 3000 separated values gave p = 0 and no log p; ln p = -4153.6. */
    @Test
    void exactTwoSampleKsLogPValueIsFiniteWherePUnderflows(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_ks2_log.csv");
        assertThat(rows).hasSize(4);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            KolmogorovSmirnovTwoSampleResult r = KolmogorovSmirnov.twoSample(ReferenceData.values(row.text("x")),
                    ReferenceData.values(row.text("y")), Alternative.TWO_SIDED, PValueChoice.EXACT);
            agreement.check("ks2 statistic", row.text("case"), r.result().statistic(), row.number("statistic"), 1e-15, 0);
            agreement.checkLog("ks2 exact ln p", row.text("case"), r.result().logPValue(), row.number("log_p"),
                    KS_LOG_TOLERANCE);
            assertThat(r.result().method()).isEqualTo(PValueMethod.EXACT);
        }
        agreement.verify(reporter);
    }

    @Test
    void omnibusTestsAgreeWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("tails_moments_omnibus.csv");
        assertThat(rows).hasSize(21);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.values(row.text("x"));
            String cas = row.text("case");
            TestResult jb = MomentTests.jarqueBera(x);
            TestResult k2 = MomentTests.dagostinoPearson(x);
            agreement.check("jarque-bera statistic", cas, jb.statistic(), row.number("jb"), OMNIBUS_TOLERANCE, 1e-3);
            agreement.check("jarque-bera ln p", cas, jb.logPValue(), row.number("jb_log_p"), OMNIBUS_TOLERANCE, 1e-3);
            agreement.check("jarque-bera p", cas, jb.pValue(), row.number("jb_p"), OMNIBUS_P_TOLERANCE, 1e-300);
            agreement.check("k2 statistic", cas, k2.statistic(), row.number("k2"), OMNIBUS_TOLERANCE, 1e-3);
            agreement.check("k2 ln p", cas, k2.logPValue(), row.number("k2_log_p"), OMNIBUS_TOLERANCE, 1e-3);
            assertThat(jb.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
            assertThat(k2.method()).isEqualTo(PValueMethod.ASYMPTOTIC);
        }
        agreement.verify(reporter);
    }
}
