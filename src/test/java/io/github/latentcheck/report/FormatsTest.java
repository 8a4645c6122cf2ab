package io.github.latentcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void pValuesThatUnderflowAreShownFromTheirLogarithm() {
        assertThat(Formats.pValue(0.25, Math.log(0.25))).isEqualTo("0.2500");
        assertThat(Formats.pValue(1.5e-20, Math.log(1.5e-20))).isEqualTo("1.500e-20");
        assertThat(Formats.pValue(0, -1804 * Math.log(10))).isEqualTo("1.000e-1804");
        assertThat(Formats.pValue(0, -4153.614345785696)).as("3000 vs 3000 separated, KS").isEqualTo("1.283e-1804");
        assertThat(Formats.pValue(0, Math.log(9.99996) - 400 * Math.log(10))).isEqualTo("1.000e-399");
        assertThat(Formats.pValue(0, Double.NEGATIVE_INFINITY)).isEqualTo("0");
    }
}
