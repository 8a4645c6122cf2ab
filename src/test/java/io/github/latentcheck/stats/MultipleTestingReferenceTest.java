package io.github.latentcheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.latentcheck.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Compares {@link MultipleTesting} with the values in {@code fixtures/reference/stats_multiple_testing.csv}. */
class MultipleTestingReferenceTest {
    /** One multiplication and a running maximum: the same rounding on both sides. */
    private static final double TOLERANCE = 0;

    @Test
    void adjustmentsAgreeWithReference(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("stats_multiple_testing.csv");
        assertThat(rows).hasSize(21);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] p = parse(row.text("p"));
            double[] expected = parse(row.text("adjusted"));
            MultipleTesting.Correction correction = MultipleTesting.Correction.valueOf(row.text("correction"));
            double[] actual = MultipleTesting.adjust(correction, p);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < p.length; i++) {
                agreement.check(correction.name(), row.text("family") + "[" + i + "]", actual[i], expected[i],
                        TOLERANCE, 0);
            }
        }
        agreement.verify(reporter);
    }

    @Test
    void stepUpAdjustmentsAgreeWithReference(TestReporter reporter) {
        List<ReferenceData.Row> rows = ReferenceData.csv("battery_multiple_testing.csv");
        assertThat(rows).hasSize(27);
        Agreement agreement = new Agreement();
        for (ReferenceData.Row row : rows) {
            double[] p = parse(row.text("p"));
            double[] expected = parse(row.text("adjusted"));
            MultipleTesting.Correction correction = MultipleTesting.Correction.valueOf(row.text("correction"));
            double[] actual = MultipleTesting.adjust(correction, p);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < p.length; i++) {
                agreement.check(correction.name(), row.text("family") + "[" + i + "]", actual[i], expected[i],
                        TOLERANCE, 0);
            }
        }
        agreement.verify(reporter);
    }

    @Test
    void stepUpAdjustmentsAreOrderedAsTheTheoryRequires() {
        double[] p = {0.04, 0.001, 0.03, 0.03, 0.5, 0.0, 0.9};
        double[] holm = MultipleTesting.holm(p);
        double[] hochberg = MultipleTesting.hochberg(p);
        double[] bh = MultipleTesting.benjaminiHochberg(p);
        double[] by = MultipleTesting.benjaminiYekutieli(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(hochberg[i]).isBetween(p[i], holm[i]);
            assertThat(bh[i]).isBetween(p[i], hochberg[i]);
            assertThat(by[i]).isBetween(bh[i], 1.0);
        }
    }

    @Test
    void correctionsAreReadByTheirSpecNames() {
        assertThat(MultipleTesting.Correction.parse("Holm")).isEqualTo(MultipleTesting.Correction.HOLM);
        assertThat(MultipleTesting.Correction.parse("bh")).isEqualTo(MultipleTesting.Correction.BENJAMINI_HOCHBERG);
        assertThat(MultipleTesting.Correction.parse("fdr")).isEqualTo(MultipleTesting.Correction.BENJAMINI_HOCHBERG);
        assertThat(MultipleTesting.Correction.parse("benjamini_yekutieli"))
                .isEqualTo(MultipleTesting.Correction.BENJAMINI_YEKUTIELI);
        assertThat(MultipleTesting.Correction.parse("by")).isEqualTo(MultipleTesting.Correction.BENJAMINI_YEKUTIELI);
        assertThat(MultipleTesting.Correction.HOCHBERG.label()).isEqualTo("hochberg");
        assertThatThrownBy(() -> MultipleTesting.Correction.parse("sidak")).isInstanceOf(InvalidInputException.class)
                .hasMessage("correction is not one of " + MultipleTesting.NAMES + ": 'sidak'");
    }

    @Test
    void holmIsMonotoneInThePValuesAndNeverBelowThem() {
        double[] p = {0.04, 0.001, 0.03, 0.03, 0.5, 0.0};
        double[] adjusted = MultipleTesting.holm(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(adjusted[i]).isBetween(p[i], 1.0);
            for (int j = 0; j < p.length; j++) {
                if (p[i] <= p[j]) {
                    assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
                }
            }
        }
        assertThat(MultipleTesting.holm(new double[0])).isEmpty();
        assertThat(MultipleTesting.adjust(MultipleTesting.Correction.NONE, p)).containsExactly(p).isNotSameAs(p);
    }

    @Test
    void refusesPValuesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> MultipleTesting.holm(new double[] {0.1, Double.NaN}))
                .isInstanceOf(InvalidInputException.class).hasMessage("p-value is not in [0, 1]: p[1] = NaN");
        assertThatThrownBy(() -> MultipleTesting.bonferroni(new double[] {1.5}))
                .isInstanceOf(InvalidInputException.class).hasMessage("p-value is not in [0, 1]: p[0] = 1.5");
        assertThatThrownBy(() -> MultipleTesting.adjust(MultipleTesting.Correction.NONE, new double[] {-0.0, -1}))
                .isInstanceOf(InvalidInputException.class).hasMessage("p-value is not in [0, 1]: p[1] = -1.0");
    }

    private static double[] parse(String values) {
        return Arrays.stream(values.split(";")).mapToDouble(Double::parseDouble).toArray();
    }
}
