package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.latentcheck.data.SampleFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * {@link RankComparison} against scipy: {@code fixtures/reference/memorization_mann_whitney.csv}, made by
 * {@code python3 fixtures/reference/make_memorization_reference.py} (scipy.stats.mannwhitneyu,
 * method='asymptotic'; Hanley–McNeil intervals from the formula).
 */
class RankComparisonReferenceTest {
    private static final Path INPUTS = ReferenceData.DIR.resolve("memorization_inputs");

    @Test
    void mannWhitneyAucAndIntervalsAgreeWithScipy(TestReporter reporter) {
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : ReferenceData.csv("memorization_mann_whitney.csv")) {
            String cas = row.text("case");
            double[] x = SampleFiles.readLatents(INPUTS.resolve(cas + "_x.npy")).toArray();
            double[] y = SampleFiles.readLatents(INPUTS.resolve(cas + "_y.npy")).toArray();
            assertThat(x).hasSize(row.integer("n"));
            assertThat(y).hasSize(row.integer("m"));
            TestResult test = RankComparison.mannWhitney("mw", x, y);
            double auc = RankComparison.aucLess(x, y);
            double[] interval = RankComparison.aucInterval(auc, x.length, y.length, 0.95);
            // U is a sum of halves: exact. p-values: both sides evaluate the same normal tail.
            agreement.check("U", cas, RankComparison.u(x, y), row.number("u"), 0, 1);
            agreement.check("U (Commons Statistics)", cas, test.statistic(), row.number("u"), 0, 1);
            agreement.check("p asymptotic", cas, test.pValue(), row.number("pvalue"), 1e-9, 1e-300);
            agreement.check("auc", cas, auc, row.number("auc"), 1e-14, 1e-3);
            agreement.check("z", cas, RankComparison.z(x, y), row.number("z"), 1e-8, 1e-6);
            agreement.check("auc interval", cas, interval[0], row.number("auc_lower"), 1e-12, 1e-3);
            agreement.check("auc interval", cas, interval[1], row.number("auc_upper"), 1e-12, 1e-3);
        }
        agreement.verify(reporter);
    }

    @Test
    void aucIsOneHalfForIdenticalSamplesAndOneForSeparatedOnes() {
        double[] a = {1, 2, 3};
        assertThat(RankComparison.aucLess(a, a)).isEqualTo(0.5);
        assertThat(RankComparison.z(a, a)).isZero();
        assertThat(RankComparison.aucLess(a, new double[] {4, 5})).isEqualTo(1.0);
        assertThat(RankComparison.z(new double[] {7, 7}, new double[] {7})).isZero();
    }
}
