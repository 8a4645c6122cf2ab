package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.latentcheck.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Compares the exact two-sample KS test, with and without ties, with R's {@code ks.test(x, y, exact = TRUE)}
 * and {@code psmirnov(..., exact = TRUE, lower.tail = FALSE)}, over the cases in
 * {@code fixtures/reference/stats_ks2_ties.csv} ({@code make_ks2_ties_reference.R}): 52 pairs of samples (38 with ties), each
 * two-sided, greater and less; sizes 5 to 600, untied, rounded to a unit or 0.1 grid, Poisson, binary.
 * The p-values are also compared with exact rational ones from integer path counts
 * ({@code make_ks2_ties_exact.py}), and for n + m ≤ 16 with R's enumeration of all labellings.
 */
class KolmogorovSmirnovTiesReferenceTest {
    /**
     * Against the exact rational p-value (integer path counts, {@code stats_ks2_ties_exact.csv}): each of
     * the n + m anti-diagonal steps of the normalised recursion adds at most an ulp or so of relative
     * error, and the errors mostly cancel: measured worst 7.6e-16 over the 156 rows.
     */
    private static final double P_TOLERANCE = 1e-13;
    /**
     * Against R: R 4.2 forms the upper tail as 1 − P(D &lt; d) in double, so its error is absolute, up to
     * 9e-13 in this table (at p = 2.2e-10, n + m = 1000, where R is off by 0.4 %).
     */
    private static final double R_ABSOLUTE_TOLERANCE = 2e-12;
    /** R's statistic is a difference of two rounded ECDF values, this one an exact ratio of integers. */
    private static final double STATISTIC_TOLERANCE = 1e-14;
    private static final double STATISTIC_FLOOR = 0.01;

    @Test
    void exactConditionalOnTiesAgreesWithR(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_ks2_ties.csv");
        List<ReferenceData.Row> exact = ReferenceData.csv("stats_ks2_ties_exact.csv");
        assertThat(rows).hasSize(156);
        assertThat(exact).hasSize(156);
        assertThat(rows.stream().filter(r -> r.text("ties").equals("yes")).count()).isEqualTo(114);
        Agreement agreement = new Agreement();
        for (int k = 0; k < rows.size(); k++) {
            ReferenceData.Row row = rows.get(k);
            ReferenceData.Row count = exact.get(k);
            assertThat(count.text("case") + count.text("alternative")).isEqualTo(row.text("case") + row.text("alternative"));
            double[] x = values(row.text("x"));
            double[] y = values(row.text("y"));
            Alternative alternative = switch (row.text("alternative")) {
                case "two.sided" -> Alternative.TWO_SIDED;
                case "greater" -> Alternative.GREATER;
                default -> Alternative.LESS;
            };
            String cas = row.text("case") + " " + alternative;
            KolmogorovSmirnovTwoSampleResult r = KolmogorovSmirnov.twoSample(x, y, alternative, PValueChoice.AUTO);
            boolean ties = row.text("ties").equals("yes");
            assertThat(r.hasTies()).as(cas).isEqualTo(ties);
            assertThat(r.result().method()).as(cas).isEqualTo(PValueMethod.EXACT);
            agreement.check("statistic", cas, r.result().statistic(), Math.abs(row.number("statistic")),
                    STATISTIC_TOLERANCE, STATISTIC_FLOOR);
            String kind = (ties ? "ties " : "no ties ") + alternative;
            agreement.check("p " + kind + " vs exact count", cas, r.result().pValue(), count.number("p_exact"),
                    P_TOLERANCE, 0);
            agreement.check("p vs R (absolute)", cas, r.result().pValue(), row.number("pvalue"), R_ABSOLUTE_TOLERANCE, 1);
            if (!row.isEmpty("p_enumerated")) {
                agreement.check("p vs enumeration", cas, r.result().pValue(), row.number("p_enumerated"),
                        P_TOLERANCE, 0);
            }
        }
        agreement.verify(reporter);
    }

    /**
     * The attainable size P(p &lt; 0.05) against R ({@code make_ks2_attainable_size.R}): R forms each tail
     * as 1 − P(D &lt; d), an absolute error of ~1e-14; absolute tolerance 1e-12.
     */
    @Test
    void attainableSizeAgreesWithR() {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_ks2_attainable_size.csv");
        assertThat(rows).hasSize(16);
        for (ReferenceData.Row row : rows) {
            int n = (int) row.number("n");
            int m = (int) row.number("m");
            Alternative alternative = row.text("alternative").equals("greater") ? Alternative.GREATER : Alternative.TWO_SIDED;
            double size = KolmogorovSmirnov.twoSampleAttainableSize(n, m, alternative, row.number("alpha"));
            assertThat(size).as("n=%d m=%d %s", n, m, alternative).isCloseTo(row.number("size"), within(1e-12));
            assertThat(KolmogorovSmirnov.twoSampleAttainableSize(m, n,
                    alternative == Alternative.GREATER ? Alternative.LESS : alternative, row.number("alpha")))
                    .as("swapped").isCloseTo(size, within(1e-14));
        }
        assertThatThrownBy(() -> KolmogorovSmirnov.twoSampleAttainableSize(10, 10, Alternative.TWO_SIDED, 0))
                .isInstanceOf(InvalidInputException.class).hasMessage("alpha is not in (0, 1]: 0.0");
        assertThatThrownBy(() -> KolmogorovSmirnov.twoSampleAttainableSize(0, 10, Alternative.TWO_SIDED, 0.05))
                .isInstanceOf(InvalidInputException.class).hasMessage("sample sizes are not both at least 1: 0, 10");
    }

    private static double[] values(String text) {
        return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
