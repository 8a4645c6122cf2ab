package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares {@link KolmogorovSmirnov} with scipy, over the cases in {@code fixtures/reference/stats_ks_*.csv}.
 * Since the one-sample p-value comes from {@link KolmogorovDistribution}, which is more exact than scipy,
 * the one-sample tolerances bound scipy's error (see the constants); exactness is checked against
 * {@code ks_exact.csv} by {@link KolmogorovDistributionReferenceTest}.
 */
class KolmogorovSmirnovReferenceTest {
    /**
     * One sample: D_n is the same maximum over CDF values, and the CDFs of Commons Statistics and scipy
     * differ by a few ulp of 1, so the absolute error of D_n is ~1e-16: relative error with a floor of 0.1.
     */
    private static final double STATISTIC_TOLERANCE = 1e-14;
    private static final double STATISTIC_FLOOR = 0.1;
    /**
     * Two samples: Commons Statistics computes D = d_nm / (nm) from an exact integer, scipy as a
     * difference of two rounded ECDF values, which is off by a few ulp (e.g. 0.010299999999999976).
     */
    private static final double TWO_SAMPLE_STATISTIC_TOLERANCE = 1e-14;
    /**
     * Two samples: the exact p-value and the one-sided asymptotic one use the same algorithms as scipy
     * (Viehmann; Hodges' closed form); rounding only.
     */
    private static final double P_TOLERANCE = 1e-12;
    /**
     * One sample, n &lt;= 140: scipy's exact p (Durbin / Pomeranz, then 1 - CDF) is the less exact one.
     * Against the 400-bit Durbin matrix of make_ks_exact_reference.py, at n = 100, d = 0.18592 scipy is
     * off by 3.2e-12 and KolmogorovDistribution by 8.6e-16; at d = 0.20561 by 1.8e-12 and 9.2e-15.
     * This tolerance bounds scipy's error; ks_exact.csv checks ours at 1e-10 (KolmogorovDistributionReferenceTest).
     */
    private static final double ONE_SAMPLE_SMALL_N_TOLERANCE = 1e-11;
    /**
     * One sample, n &gt; 140: scipy uses the Pelz–Good series or Miller's 2 P+ (Simard–L'Ecuyer), which
     * differ from the exact p (ours) by up to 3.6e-7 in this file (n = 1000) and up to 3.8e-6 in
     * ks_exact.csv. The tolerance bounds scipy's error, not ours.
     */
    private static final double ONE_SAMPLE_LARGE_N_TOLERANCE = 1e-6;
    /**
     * Two samples, two-sided asymptotic: both evaluate the one-sample tail at N = round(nm/(n+m)) &gt; 140,
     * scipy by Pelz–Good or Miller, we exactly up to N = 10,000 (Pelz–Good beyond): scipy's error, as
     * {@link #ONE_SAMPLE_LARGE_N_TOLERANCE}.
     */
    private static final double TWO_SIDED_ASYMPTOTIC_TOLERANCE = ONE_SAMPLE_LARGE_N_TOLERANCE;

    @Test
    void oneSampleAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_ks_one_sample.csv");
        assertThat(rows).hasSize(144);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.input(row.text("input"), row.number("shift"));
            TestResult r = KolmogorovSmirnov.oneSample(x, ReferenceData.cdf(row.text("dist")));
            String cas = row.text("case");
            String kind = r.method().label();
            agreement.check("statistic", cas, r.statistic(), row.number("statistic"), STATISTIC_TOLERANCE,
                    STATISTIC_FLOOR);
            boolean small = x.length <= 140;
            agreement.check("p " + kind + (small ? " n<=140" : " n>140 (scipy inexact)"), cas, r.pValue(),
                    row.number("pvalue"), small ? ONE_SAMPLE_SMALL_N_TOLERANCE : ONE_SAMPLE_LARGE_N_TOLERANCE, 0);
            assertThat(r.logPValue()).as(cas + ": log p").isCloseTo(Math.log(r.pValue()), within(1e-12));
            if (!row.isEmpty("pvalue_exact")) {
                agreement.check("p vs scipy method=exact", cas, r.pValue(), row.number("pvalue_exact"),
                        ONE_SAMPLE_SMALL_N_TOLERANCE, 0);
            }
        }
        agreement.verify(reporter);
    }

    /**
     * Without ties the p-values are the classical exact (n·m ≤ 10⁸) or Smirnov asymptotic ones, which
     * scipy computes too; with ties scipy ignores them, so only the statistic is compared here and the
     * p-values, exact conditional on the ties, are checked against R in
     * {@link KolmogorovSmirnovTiesReferenceTest}. scipy's {@code method='auto'} is exact for
     * max(n, m) ≤ 10000 and this implementation for n·m ≤ 10⁸; both hold for every exact row here, and
     * the rows with n = 12000, m = 20000 are asymptotic in both.
     */
    @Test
    void twoSampleAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_ks_two_sample.csv");
        assertThat(rows).hasSize(27);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] x = ReferenceData.input(row.text("input_x"), 0);
            double[] y = ReferenceData.input(row.text("input_y"), row.number("shift"));
            KolmogorovSmirnovTwoSampleResult r = KolmogorovSmirnov.twoSample(x, y);
            String cas = row.text("case");
            boolean ties = "ties=yes".equals(row.text("note"));
            assertThat(r.hasTies()).as(cas + ": ties").isEqualTo(ties);
            agreement.check("statistic", cas, r.result().statistic(), row.number("statistic"),
                    TWO_SAMPLE_STATISTIC_TOLERANCE, 0);
            boolean exact = (long) x.length * y.length <= KolmogorovSmirnov.TWO_SAMPLE_EXACT_MAX_CELLS;
            assertThat(r.result().method()).as(cas).isEqualTo(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC);
            if (ties && exact) {
                continue;
            }
            String kind = r.result().method().label() + (ties ? " ties" : "");
            agreement.check("p " + kind, cas, r.result().pValue(), row.number("pvalue"),
                    exact ? P_TOLERANCE : TWO_SIDED_ASYMPTOTIC_TOLERANCE, 0);
        }
        agreement.verify(reporter);
    }

    /**
     * Smirnov's asymptotic p-value for the three alternatives ({@code stats_ks2_asymptotic.csv}), on the
     * stored N(0, 1) inputs (N = 7500) and on arithmetic grids rebuilt here bit for bit (N = 17143).
     */
    @Test
    void twoSampleAsymptoticAgreesWithScipy(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_ks2_asymptotic.csv");
        assertThat(rows).hasSize(21);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            int n = row.integer("n");
            int m = row.integer("m");
            double shift = row.number("shift");
            double[] x;
            double[] y;
            if ("stored".equals(row.text("data"))) {
                x = ReferenceData.input("ks2-x-n" + n + "-m" + m, 0);
                y = ReferenceData.input("ks2-y-n" + n + "-m" + m, shift);
            } else {
                x = grid(n, 0);
                y = grid(m, shift);
            }
            Alternative alternative = switch (row.text("alternative")) {
                case "two-sided" -> Alternative.TWO_SIDED;
                case "less" -> Alternative.LESS;
                default -> Alternative.GREATER;
            };
            String cas = row.text("data") + " n=" + n + " m=" + m + " shift=" + shift + " " + alternative;
            TestResult r = KolmogorovSmirnov.twoSample(x, y, alternative, PValueChoice.AUTO).result();
            assertThat(r.method()).as(cas).isEqualTo(PValueMethod.ASYMPTOTIC);
            agreement.check("statistic", cas, r.statistic(), row.number("statistic"), TWO_SAMPLE_STATISTIC_TOLERANCE,
                    STATISTIC_FLOOR);
            agreement.check("p asymptotic " + (alternative == Alternative.TWO_SIDED ? "two-sided" : "one-sided"),
                    cas, r.pValue(), row.number("pvalue"),
                    alternative == Alternative.TWO_SIDED ? TWO_SIDED_ASYMPTOTIC_TOLERANCE : P_TOLERANCE, 0);
            assertThat(r.logPValue()).as(cas + ": log p").isCloseTo(Math.log(r.pValue()), within(1e-12));
        }
        agreement.verify(reporter);
    }

    /** @return \(i/n + shift\) for i = 0..n-1, as numpy's {@code np.arange(n) / n + shift} */
    private static double[] grid(int n, double shift) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (double) i / n + shift;
        }
        return g;
    }
}
